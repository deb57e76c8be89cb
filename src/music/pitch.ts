/** Spelled pitches, MIDI numbers, spelling in a key and transposition by semitones. */
import {
  fifthsOf, isMinorish, keyAccidentals, KeySignature, LETTER_PC, Letter, MODE_FIFTHS, spellingAtFifths, tonicName,
} from './key';

/** A written pitch: letter, accidental (-2..2) and scientific octave (middle C is C4, MIDI 60). */
export interface SpelledPitch {
  letter: Letter;
  accidental: number;
  octave: number;
}

export function midiOf(p: SpelledPitch): number {
  return 12 * (p.octave + 1) + LETTER_PC[p.letter] + p.accidental;
}

function withMidi(letter: Letter, accidental: number, midi: number): SpelledPitch {
  return { letter, accidental, octave: Math.round((midi - LETTER_PC[letter] - accidental) / 12) - 1 };
}

/**
 * The usual spelling of a MIDI pitch in a key: the spelling nearest the key on the line of fifths
 * (diatonic notes first, then the nearer chromatic name; ties go to the sharp side, which gives the
 * raised leading note in minor keys).
 */
export function spellPitch(midi: number, key: KeySignature): SpelledPitch {
  const pc = ((midi % 12) + 12) % 12;
  const centre = (key.none ? 0 : key.fifths) + 2;
  const base = (7 * pc) % 12; // line-of-fifths place with this pitch class, modulo 12
  let best = base;
  for (let p = base - 24; p <= base + 24; p += 12) {
    const d = Math.abs(p - centre);
    const bestD = Math.abs(best - centre);
    if (d < bestD || (d === bestD && p > best)) best = p;
  }
  const s = spellingAtFifths(best);
  return withMidi(s.letter, s.accidental, midi);
}

/** Line-of-fifths shift that transposes by `semitones`, in 0..11 (7 fifths make a semitone, modulo octaves). */
export function fifthsShiftFor(semitones: number): number {
  return (((7 * semitones) % 12) + 12) % 12;
}

/**
 * The key `semitones` away, chosen on the circle of fifths: the signature with the fewest accidentals
 * (D major + 2 is E major, not Fb major); between F# and Gb (six each) the one nearer the old key.
 */
export function transposeKey(key: KeySignature, semitones: number): KeySignature {
  if (key.none) return { ...key, explicit: key.explicit.map((e) => ({ ...e })) };
  const raw = key.fifths + fifthsShiftFor(semitones);
  // Candidates a multiple of 12 fifths apart name the same key; take the fewest accidentals, then the shorter move.
  let fifths = raw;
  for (let f = raw - 24; f <= raw + 24; f += 12) {
    const better = Math.abs(f) < Math.abs(fifths) || (Math.abs(f) === Math.abs(fifths) && Math.abs(f - key.fifths) < Math.abs(fifths - key.fifths));
    if (better) fifths = f;
  }
  return shiftKey(key, fifths - key.fifths);
}

/** The key `fifthsDelta` steps away on the line of fifths (explicit accidentals move with it). */
export function shiftKey(key: KeySignature, fifthsDelta: number): KeySignature {
  if (key.none) return { ...key, explicit: key.explicit.map((e) => ({ ...e })) };
  const delta = fifthsDelta;
  const fifths = key.fifths + delta;
  const tonic = spellingAtFifths(fifths - MODE_FIFTHS[key.mode]);
  const explicit = key.exp ? shiftedExpSignature(key, delta) : key.explicit.map((e) => {
    const s = spellingAtFifths(fifthsOf(e.letter, e.accidental) + delta);
    return { letter: s.letter, accidental: s.accidental };
  });
  return { ...key, tonic: tonicName(tonic.letter, tonic.accidental), fifths, explicit };
}

/**
 * `K:D exp ^f ^c` lists every accidental of the signature, and an unlisted letter is natural: each of the seven
 * letters moves, so naturals can become sharps or flats (up a tone: `E exp ^f ^c ^g ^d`). Listed in the order of
 * a signature (sharps F C G D A E B, then flats B E A D G C F).
 */
function shiftedExpSignature(key: KeySignature, delta: number): KeySignature['explicit'] {
  const written = keyAccidentals(key);
  const moved = (Object.keys(written) as Letter[]).map((letter) => spellingAtFifths(fifthsOf(letter, written[letter]) + delta));
  const sharps = moved.filter((m) => m.accidental > 0).sort((a, b) => fifthsOf(a.letter, a.accidental) - fifthsOf(b.letter, b.accidental));
  const flats = moved.filter((m) => m.accidental < 0).sort((a, b) => fifthsOf(b.letter, b.accidental) - fifthsOf(a.letter, a.accidental));
  return [...sharps, ...flats].map((m) => ({ letter: m.letter, accidental: m.accidental }));
}

/** Transposes a spelled pitch by semitones, moving its spelling by `fifthsDelta` on the line of fifths. */
export function transposeSpelled(p: SpelledPitch, semitones: number, fifthsDelta: number): SpelledPitch {
  let position = fifthsOf(p.letter, p.accidental) + fifthsDelta;
  // Beyond double sharps/flats, respell enharmonically (12 fifths away: same pitch class, two letters over).
  while (position > 19) position -= 12;
  while (position < -15) position += 12;
  const s = spellingAtFifths(position);
  return withMidi(s.letter, s.accidental, midiOf(p) + semitones);
}

/** Transposes a pitch from one key to another (the keys fix the spelling shift). */
export function transposePitch(p: SpelledPitch, semitones: number, from: KeySignature, to: KeySignature): SpelledPitch {
  const delta = from.none || to.none ? fifthsShiftForNone(semitones) : to.fifths - from.fifths;
  return transposeSpelled(p, semitones, delta);
}

function fifthsShiftForNone(semitones: number): number {
  let f = fifthsShiftFor(semitones);
  if (f > 6) f -= 12;
  return f;
}

/**
 * Semitones that bring a key to C major (major-ish modes) or A minor (minor-ish modes), the smaller
 * move (-6..+5).
 */
export function semitonesToReference(key: KeySignature): number {
  if (key.none) return 0;
  const tonicPc = ((7 * (key.fifths - MODE_FIFTHS[key.mode])) % 12 + 12) % 12;
  const target = isMinorish(key.mode) ? 9 : 0;
  let s = (((target - tonicPc) % 12) + 12) % 12;
  if (s > 5) s -= 12;
  return s;
}

/** The written accidental a key signature gives a letter (-2..2). */
export function signatureAccidental(key: KeySignature, letter: Letter): number {
  return keyAccidentals(key)[letter];
}

const NAMES = ['C', 'C#', 'D', 'Eb', 'E', 'F', 'F#', 'G', 'Ab', 'A', 'Bb', 'B'];
/** `C4`, `F#5`, for messages. */
export function midiName(midi: number): string {
  return NAMES[((midi % 12) + 12) % 12] + String(Math.floor(midi / 12) - 1);
}
