/** Sounding pitches of written notes: key signature, accidentals carried through the bar, ties across bars. */
import { keyAccidentals, KeySignature, Letter, parseKey } from '../music/key';
import { midiOf, SpelledPitch } from '../music/pitch';
import { parseAbc } from './parse';
import { tuneAt } from './tunes';
import type { AbcNote, AbcTune } from './types';

export interface NotePitch {
  note: AbcNote;
  /** The pitch as it sounds (letter, effective accidental, octave). */
  spelled: SpelledPitch;
  midi: number;
  /** Key in force at the note. */
  key: KeySignature;
  voice: string;
  grace: boolean;
}

/** Accidentals in force inside one bar, by letter and octave (a written accidental holds to the bar's end). */
export class BarAccidentals {
  private readonly map = new Map<string, number>();
  get(letter: Letter, octave: number): number | undefined {
    return this.map.get(letter + octave);
  }
  set(letter: Letter, octave: number, accidental: number): void {
    this.map.set(letter + octave, accidental);
  }
  clear(): void {
    this.map.clear();
  }
}

interface VoicePitchState {
  key: KeySignature;
  signature: Record<Letter, number>;
  bar: BarAccidentals;
  /** Pitches of notes tied into the next bar line, which keep their accidental there. */
  tiedOver: Map<string, number>;
  lastNotes: NotePitch[];
}

/** Every note of a tune (chord notes and grace notes included) with its sounding pitch, in source order. */
export function tunePitches(tune: AbcTune): NotePitch[] {
  const out: NotePitch[] = [];
  const voices = new Map<string, VoicePitchState>();
  let globalKey = tune.key;
  const stateOf = (voice: string) => {
    let s = voices.get(voice);
    if (!s) {
      s = { key: globalKey, signature: keyAccidentals(globalKey), bar: new BarAccidentals(), tiedOver: new Map(), lastNotes: [] };
      voices.set(voice, s);
    }
    return s;
  };
  for (const el of tune.elements) {
    const s = stateOf(el.voice);
    if (el.kind === 'field' && el.name === 'K') {
      s.key = parseKey(el.value.replace(/%.*$/, '')).key;
      s.signature = keyAccidentals(s.key);
      if (!el.inline) globalKey = s.key;
    } else if (el.kind === 'bar') {
      s.bar.clear();
    } else if (el.kind === 'tie') {
      for (const p of s.lastNotes) s.tiedOver.set(p.spelled.letter + p.note.octave, p.spelled.accidental);
    } else if (el.kind === 'note' || el.kind === 'chord') {
      const notes = el.kind === 'note' ? [el.note] : el.notes;
      const now: NotePitch[] = [];
      const tiedOver = s.tiedOver;
      s.tiedOver = new Map();
      for (const note of notes) {
        const p = pitchOfNote(note, s, tiedOver);
        const np: NotePitch = { note, spelled: p, midi: midiOf(p), key: s.key, voice: el.voice, grace: el.grace };
        out.push(np);
        now.push(np);
        if (note.tie) s.tiedOver.set(note.letter + note.octave, p.accidental);
      }
      if (!el.grace) s.lastNotes = now;
    } else if (el.kind === 'rest') {
      s.lastNotes = [];
    }
  }
  return out;
}

function pitchOfNote(note: AbcNote, s: VoicePitchState, tiedOver: Map<string, number>): SpelledPitch {
  let accidental: number;
  if (note.accidental !== undefined) {
    accidental = note.accidental;
    s.bar.set(note.letter, note.octave, accidental);
  } else {
    accidental = s.bar.get(note.letter, note.octave) ?? tiedOver.get(note.letter + note.octave) ?? (s.key.none ? 0 : s.signature[note.letter]);
  }
  return { letter: note.letter, accidental, octave: note.octave };
}

/** MIDI pitch of the note written at `offset` (anywhere inside its text) in an ABC document, if a note is there. */
export function abcPitchAt(text: string, offset: number): NotePitch | undefined {
  const tune = tuneAt(parseAbc(text).tunes, offset);
  if (!tune || offset < tune.bodyStart || offset > tune.end) return undefined;
  return tunePitches(tune).find((p) => offset >= p.note.start && offset < p.note.end);
}

/** Text of a written pitch (no length): `^c'`, `=F,`, `B`. `accidental` undefined writes none. */
export function notePitchText(letter: Letter, octave: number, accidental?: number): string {
  const acc = accidental === undefined ? '' : accidental === 0 ? '=' : accidental > 0 ? '^'.repeat(accidental) : '_'.repeat(-accidental);
  const name = octave >= 5 ? letter.toLowerCase() : letter;
  const marks = octave >= 5 ? "'".repeat(octave - 5) : ','.repeat(4 - octave);
  return acc + name + marks;
}
