/** Transposition of ABC text: keys, notes (respelled, accidentals rewritten per bar) and chord symbols. */
import { pushAll } from '../common/arrays';
import { accidentalText, fifthsOf, keyAccidentals, KeySignature, Letter, parseKey, spellingAtFifths, tonicName } from '../music/key';
import { fifthsShiftFor, shiftKey, SpelledPitch, transposeKey, transposeSpelled } from '../music/pitch';
import { parseAbc } from './parse';
import { notePitchText, tunePitches } from './pitches';
import type { AbcTune } from './types';

export interface TransposeOptions {
  /** Only this tune (0-based index in the file); default: all tunes. */
  tune?: number;
  /** Only this voice (V: id). Its notes are respelled for the transposed key but written against the signature
   * in force (key fields stay, since other voices share them). Default: every voice, and the K: fields move. */
  voice?: string;
  /** Only the notes and chord symbols between these offsets, written against the key in force (a selection).
   * A range that holds a tune's K: line takes the whole tune, key included. */
  range?: { start: number; end: number };
  /** Move spellings and keys this many steps on the line of fifths, instead of to the key with the fewest
   * accidentals (transposing to a named key: D to Gb is -8, to F# +4). */
  fifthsDelta?: number;
  /** To this key (`A`, `Em`, `Bb`) instead of by the semitones given: each tune from its own key, the nearer way. */
  toKey?: string;
}

/** A transposition that cannot be done (a target that is no key); the message says why. */
export class TransposeError extends Error {}

export interface Edit {
  start: number;
  end: number;
  text: string;
}

/** Transposes by `semitones`; returns the new text. Text outside the transposed tunes is kept as is. */
export function transposeAbc(text: string, semitones: number, options: TransposeOptions = {}): string {
  return applyEdits(text, transposeEdits(text, semitones, options));
}

/** The edits that transpose by `semitones` (non-overlapping, in order). */
export function transposeEdits(text: string, semitones: number, options: TransposeOptions = {}): Edit[] {
  if (options.toKey !== undefined) {
    const target = parseKey(options.toKey);
    if (target.problems.length > 0 || !target.spans.tonic) throw new TransposeError(`'${options.toKey}' is not a key (expected e.g. G, Em, Bb, F#m)`);
  } else if (semitones === 0 && !options.fifthsDelta) {
    return [];
  }
  const { tunes } = parseAbc(text);
  const edits: Edit[] = [];
  const nottingham = plusMinusBasses(tunes);
  tunes.forEach((tune, k) => {
    if (options.tune !== undefined && options.tune !== k) return;
    if (options.range && (options.range.end <= tune.start || options.range.start > tune.end)) return;
    if (options.toKey === undefined) {
      pushAll(edits, transposeTune(text, tune, semitones, options, nottingham));
      return;
    }
    const interval = intervalToKey(tune.key, options.toKey);
    if ('error' in interval) return; // K:none: nothing to move from
    pushAll(edits, transposeTune(text, tune, interval.semitones, { ...options, fifthsDelta: interval.fifthsDelta }, nottingham));
  });
  return edits.sort((a, b) => a.start - b.start);
}

/** The interval from a tune's key to the key named `target` (`A`, `Em`, `Bb`): the nearer way, -5..+6 semitones. */
export function intervalToKey(from: KeySignature, target: string): { semitones: number; fifthsDelta: number } | { error: string } {
  const parsed = parseKey(target);
  if (parsed.problems.length > 0 || !parsed.spans.tonic) return { error: `'${target}' is not a key (expected e.g. G, Em, Bb, F#m)` };
  if (from.none) return { error: 'the tune has no key (K:none) to transpose from' };
  const tonicOf = (k: KeySignature) => fifthsOf(k.tonic[0] as Letter, k.tonic.length > 1 ? (k.tonic[1] === '#' ? 1 : -1) * (k.tonic.length - 1) : 0);
  const fifthsDelta = tonicOf(parsed.key) - tonicOf(from);
  let semitones = ((7 * fifthsDelta) % 12 + 12) % 12;
  if (semitones > 6) semitones -= 12;
  return { semitones, fifthsDelta };
}

/** Applies non-overlapping edits in one pass. */
export function applyEdits(text: string, edits: Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  const parts: string[] = [];
  let at = 0;
  for (const e of sorted) {
    if (e.start < at) continue;
    parts.push(text.slice(at, e.start), e.text);
    at = e.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/** Edits of a K: value that keep how it is written: only the tonic and the explicit accidentals change. */
function keyEdits(text: string, valueStart: number, valueEnd: number, delta: (from: KeySignature) => number): Edit[] {
  const value = text.slice(valueStart, valueEnd).replace(/%.*$/, '');
  const { key, problems, spans } = parseKey(value);
  if (problems.length > 0 || key.none || !spans.tonic) return [];
  const moved = shiftKey(key, delta(key));
  const edits: Edit[] = [{ start: valueStart + spans.tonic.start, end: valueStart + spans.tonic.end, text: moved.tonic }];
  if (key.exp && spans.explicit.length > 0) {
    // The whole list is written anew: letters that were natural may now need an accidental, and the other way.
    const first = spans.explicit[0];
    const last = spans.explicit[spans.explicit.length - 1];
    const written = value.slice(first.start, first.end);
    const lower = written[written.length - 1] === written[written.length - 1].toLowerCase();
    const gap = spans.explicit.length > 1 && /\s/.test(value.slice(first.end, spans.explicit[1].start)) ? ' ' : spans.explicit.length > 1 ? '' : ' ';
    const list = moved.explicit.map((e) => accidentalText(e.accidental) + (lower ? e.letter.toLowerCase() : e.letter)).join(gap);
    edits.push({ start: valueStart + first.start, end: valueStart + last.end, text: list || '=c' });
    return edits.filter((e) => text.slice(e.start, e.end) !== e.text);
  }
  spans.explicit.forEach((span, k) => {
    const written = value.slice(span.start, span.end);
    const letter = moved.explicit[k].letter;
    const name = written[written.length - 1] === written[written.length - 1].toLowerCase() ? letter.toLowerCase() : letter;
    edits.push({ start: valueStart + span.start, end: valueStart + span.end, text: accidentalText(moved.explicit[k].accidental) + name });
  });
  return edits.filter((e) => text.slice(e.start, e.end) !== e.text);
}

const PITCH_RE = /(\^\^|\^|__|_|=)?[A-Ga-g][',]*/y;

/** What a reader of the transposed text infers, voice by voice: accidentals of the bar, and notes tied over it. */
interface ReaderState {
  bar: Map<string, number>;
  tiedOver: Map<string, number>;
  last: SpelledPitch[];
}

/**
 * Whether the file writes a chord's lowercase bass note's accidental as `+`/`-` (`D/f+`, the Nottingham way)
 * at least as often as `#`/`b` (`A/c#`): the style a lowercase bass that had no accidental gets when it needs one.
 */
function plusMinusBasses(tunes: AbcTune[]): boolean {
  let plusMinus = 0;
  let sharpFlat = 0;
  for (const tune of tunes) {
    for (const e of tune.elements) {
      if (e.kind !== 'chord-symbol') continue;
      if (/\/[a-g](\+|-)/.test(e.text)) plusMinus++;
      else if (/\/[a-g][#b]/.test(e.text)) sharpFlat++;
    }
  }
  // Without evidence, a lowercase bass is taken for Nottingham's convention, which introduced it.
  return plusMinus >= sharpFlat;
}

function transposeTune(text: string, tune: AbcTune, semitones: number, options: TransposeOptions, nottingham: boolean): Edit[] {
  const { voice, range } = options;
  const kLine = [...tune.headers].reverse().find((h) => h.name === 'K');
  const whole = voice === undefined && (!range || (kLine !== undefined && range.start <= kLine.start && range.end >= kLine.end));
  const inScope = (start: number, end: number, v: string) =>
    (voice === undefined || v === voice) && (whole || !range || (start >= range.start && end <= range.end));
  const deltas = new Map<KeySignature, number>();
  const deltaOf = (from: KeySignature): number => {
    let d = deltas.get(from);
    if (d === undefined) {
      if (options.fifthsDelta !== undefined) d = options.fifthsDelta;
      else if (from.none) d = fifthsShiftFor(semitones) > 6 ? fifthsShiftFor(semitones) - 12 : fifthsShiftFor(semitones);
      else d = transposeKey(from, semitones).fifths - from.fifths;
      deltas.set(from, d);
    }
    return d;
  };
  const edits: Edit[] = [];
  if (whole) {
    if (kLine) pushAll(edits, keyEdits(text, kLine.start + 2, kLine.end, deltaOf));
    for (const el of tune.elements) {
      if (el.kind !== 'field' || el.name !== 'K') continue;
      pushAll(edits, el.inline ? keyEdits(text, el.start + 3, el.end - 1, deltaOf) : keyEdits(text, el.start + 2, el.end, deltaOf));
    }
  }
  const signatures = new Map<KeySignature, Record<Letter, number>>();
  const signatureOf = (from: KeySignature): Record<Letter, number> => {
    let s = signatures.get(from);
    if (!s) {
      const written = whole ? shiftKey(from, deltaOf(from)) : from;
      s = written.none ? keyAccidentals({ ...written, explicit: [] }) : keyAccidentals(written);
      signatures.set(from, s);
    }
    return s;
  };
  const readers = new Map<string, ReaderState>();
  const readerOf = (v: string) => readers.get(v) ?? readers.set(v, { bar: new Map(), tiedOver: new Map(), last: [] }).get(v)!;
  const chordKeys = new ChordSymbolKeys(tune.key);
  const pitches = tunePitches(tune);
  let pi = 0;
  for (const el of tune.elements) {
    const reader = readerOf(el.voice);
    if (el.kind === 'field' && el.name === 'K') chordKeys.field(el.voice, el.value, el.inline);
    else if (el.kind === 'bar') reader.bar.clear();
    else if (el.kind === 'tie') for (const p of reader.last) reader.tiedOver.set(p.letter + p.octave, p.accidental);
    else if (el.kind === 'rest') reader.last = [];
    else if (el.kind === 'chord-symbol' && inScope(el.start, el.end, el.voice)) {
      const moved = transposeChordSymbol(el.text, deltaOf(chordKeys.at(el.voice)), nottingham);
      if (moved !== el.text) edits.push({ start: el.start + 1, end: el.end - 1, text: moved });
    } else if (el.kind === 'note' || el.kind === 'chord') {
      const notes = el.kind === 'note' ? [el.note] : el.notes;
      const tiedOver = reader.tiedOver;
      reader.tiedOver = new Map();
      const now: SpelledPitch[] = [];
      const scoped = inScope(el.start, el.end, el.voice);
      for (const note of notes) {
        const p = pitches[pi++];
        const q = scoped ? transposeSpelled(p.spelled, semitones, deltaOf(p.key)) : p.spelled;
        const where = q.letter + q.octave;
        const inferred = reader.bar.get(where) ?? tiedOver.get(where) ?? signatureOf(p.key)[q.letter];
        const writes = note.accidental !== undefined || inferred !== q.accidental;
        if (writes) reader.bar.set(where, q.accidental);
        if (scoped || writes !== (note.accidental !== undefined)) {
          PITCH_RE.lastIndex = note.start;
          const pitchEnd = note.start + (PITCH_RE.exec(text)?.[0].length ?? 0);
          const written = pitchTextLike(text.slice(note.start, pitchEnd), q, writes ? q.accidental : undefined);
          if (written !== text.slice(note.start, pitchEnd)) edits.push({ start: note.start, end: pitchEnd, text: written });
        }
        if (note.tie) reader.tiedOver.set(where, q.accidental);
        now.push(q);
      }
      if (!el.grace) reader.last = now;
    }
  }
  return edits;
}

/**
 * The text of a pitch, written the usual way (`c'`, `C,`) unless the note it replaces used its letter's other case
 * with octave marks (`A'` for `a`, `c,` for `C`): then in that case, so that transposing back gives it again.
 */
function pitchTextLike(was: string, q: SpelledPitch, accidental: number | undefined): string {
  const upper = /[A-G]'/.test(was);
  const lower = /[a-g],/.test(was);
  if (!upper && !lower) return notePitchText(q.letter, q.octave, accidental);
  const base = upper ? 4 : 5;
  const name = upper ? q.letter : q.letter.toLowerCase();
  const marks = q.octave >= base ? "'".repeat(q.octave - base) : ','.repeat(base - q.octave);
  return (accidental === undefined ? '' : accidentalText(accidental)) + name + marks;
}

/** The key in force for chord symbols, voice by voice (as the pitches of notes follow it). */
class ChordSymbolKeys {
  private readonly voices = new Map<string, KeySignature>();
  constructor(private global: KeySignature) {}
  field(voice: string, value: string, inline: boolean): void {
    const key = parseKey(value.replace(/%.*$/, '')).key;
    this.voices.set(voice, key);
    if (!inline) this.global = key;
  }
  at(voice: string): KeySignature {
    return this.voices.get(voice) ?? this.global;
  }
}

/** What may follow a chord symbol's root: qualities, extensions, alterations (`m7b5`, `sus4`, `maj7`, `+`). */
const CHORD_QUALITY = /^(?:maj|min|mi|ma|m|M|dim|aug|sus|add|alt|o|\u00f8|\u00b0|\+|-|[#b]?\d+|\(|\)|,)*$/;

/**
 * Moves a chord symbol's root and bass `fifthsDelta` steps on the line of fifths (the key's move):
 * `A7/c+` → `B7/d+` for +2. `#`/`b`, or Nottingham's lowercase bass with `+`/`-`, keep their style; a bass
 * that had no accidental gets the tune's style (`nottingham`). Text that is no chord (`Coda`, `N.C.`) stays.
 */
export function transposeChordSymbol(symbol: string, fifthsDelta: number, nottingham = false): string {
  const delta = fifthsDelta;
  const m = /^(\(?)([A-G])(##|bb|#|b)?([^/]*?)(?:\/([A-Ga-g])(##|bb|\+\+|--|[#b+-])?)?(\)?)$/.exec(symbol);
  if (!m || !CHORD_QUALITY.test(m[4])) return symbol;
  const accOf = (t: string | undefined) => (!t ? 0 : /[#+]/.test(t) ? t.length : -t.length);
  const root = spellingAtFifths(fifthsOf(m[2] as Letter, accOf(m[3])) + delta);
  if (Math.abs(root.accidental) > 2) return symbol;
  let result = m[1] + tonicName(root.letter, root.accidental) + m[4];
  if (m[5]) {
    const lower = m[5] === m[5].toLowerCase();
    const acc = accOf(m[6]);
    const bass = spellingAtFifths(fifthsOf(m[5].toUpperCase() as Letter, acc) + delta);
    if (Math.abs(bass.accidental) > 2) return symbol;
    const plusMinus = m[6] ? /[+-]/.test(m[6]) : nottingham && lower;
    const accText = bass.accidental === 0 ? '' : plusMinus ? (bass.accidental > 0 ? '+' : '-').repeat(Math.abs(bass.accidental)) : tonicName('C', bass.accidental).slice(1);
    result += '/' + (lower ? bass.letter.toLowerCase() : bass.letter) + accText;
  }
  return result + m[7];
}
