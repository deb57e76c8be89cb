import type { NotationDiagnostic } from '../common/diagnostic';
import type { Chorale } from '../satb/types';

/** The two notations BachBot reads and writes: ABC tunes and .satb chorales. */
export type NotationLanguage = 'abc' | 'satb';

/** The tune of an ABC document, or a whole .satb chorale, at a place in the document. */
export interface NotationPiece {
  /** Offsets in the document. */
  start: number;
  end: number;
}

/** What the features ask of a notation, so that they need not branch on the language. */
export interface Notation {
  readonly language: NotationLanguage;
  /** How messages name its model: "ABC", "chorale". */
  readonly modelName: string;
  /** Every problem the notation core finds, with its range. */
  check(text: string): NotationDiagnostic[];
  /** The piece holding `offset` (for ABC: the last tune starting at or before it, else the first); undefined when
   * the document holds none. */
  pieceAt(text: string, offset: number): NotationPiece | undefined;
  /** The engine's length limit for `bars` bars written from `offset`: ABC counts bars (the one under way and
   * `maxBars` more), a chorale counts frames. */
  lengthFor(bars: number, text: string, offset: number): { maxBars?: number; maxFrames?: number };
  /** The piece at `offset` as a Standard MIDI File; throws a NotationError saying why it cannot be. */
  toMidi(text: string, offset: number): Uint8Array;
  /** Harmonize Selection with no selection: the voice at the cursor (ABC) or every slot of the document (a
   * chorale); `nothingHint` says what to write or select when nothing was harmonized. */
  readonly harmonize: { readonly withoutSelection: 'cursor' | 'document'; readonly nothingHint: string };
  /** A chorale (one read from MIDI) as the text of a new document in this notation. */
  fromChorale(chorale: Chorale): string;
}

/** The document cannot be turned into what was asked; the message says why (with line and column where it can). */
export class NotationError extends Error {}
