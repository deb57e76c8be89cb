import { isMinorish, parseKey, type KeySignature } from '../music';

/** The `% key:` line of the corpus: "G major, transposed by +5 semitones to C major". */
export interface KeyMeta {
  /** The key the piece was written in. */
  original: KeySignature;
  /** Semitones added to the original pitches to reach the pitches in the file. */
  shift: number;
}

const KEY_META = /^\s*([A-G][#b]?(?:\s*[A-Za-z]+)?)\s*(?:,\s*transposed by\s+([+-]?\d+)\s+semitones?(?:\s+to\s+.*)?)?\s*$/;

/** Reads a `% key:` value ("G major", "F# minor", "Ddor", with or without ", transposed by N semitones to ...");
 * undefined when it names no key. A key without "transposed by" has shift 0. */
export function parseKeyMeta(value: string | undefined): KeyMeta | undefined {
  if (!value) return undefined;
  const m = KEY_META.exec(value);
  if (!m) return undefined;
  const { key, problems } = parseKey(m[1]);
  if (problems.length > 0) return undefined;
  return { original: key, shift: m[2] ? Number(m[2]) : 0 };
}

/** The `% key:` value for a piece in `original` transposed by `shift` semitones to C major or A minor. */
export function formatKeyMeta(original: KeySignature, shift: number): string {
  const target = isMinorish(original.mode) ? 'A minor' : 'C major';
  const sign = shift >= 0 ? '+' : '-';
  return `${original.tonic} ${original.mode}, transposed by ${sign}${Math.abs(shift)} semitones to ${target}`;
}
