import type { SourceRange } from '../common/diagnostic';

/** One voice's entry in a frame: struck or held MIDI pitch, a rest, or a slot for the harmonizer. */
export type VoiceEntry =
  | { kind: 'note'; pitch: number; held: boolean }
  | { kind: 'rest' }
  | { kind: 'slot' };

export const VOICE_NAMES = ['S', 'A', 'T', 'B'] as const;
export type VoiceIndex = 0 | 1 | 2 | 3;

/** One sixteenth note of time: `[(.)] S A T B |||`. */
export interface Frame {
  fermata: boolean;
  /** Soprano first, bass last; exactly four in the canonical form (BachBot's shorter frames are padded by the reader). */
  voices: VoiceEntry[];
  /** Where the frame stands in the source text, when it was read from text. */
  range?: SourceRange;
}

export interface SatbMeta {
  title?: string;
  /** The raw `% key:` value, e.g. "G major, transposed by +5 semitones to C major". */
  key?: string;
  /** e.g. "3/4". */
  meter?: string;
  /** Sixteenths before the first bar line. */
  pickup?: number;
  /** Every `%` line in order, verbatim, so that writing keeps what it did not understand. */
  comments: string[];
}

export interface Chorale {
  meta: SatbMeta;
  frames: Frame[];
}
