import type { HarmonizeOptions, HarmonizingModel } from './harmonize';

export interface TextAlternative {
  /** The whole document with the harmonization written in. */
  text: string;
  logprob: number;
}

/** Character offsets of the part of a document to harmonize. */
export interface TextSelection {
  start: number;
  end: number;
}

/** A notation's document harmonizer: fills what `selection` holds (all of the document without one). */
export type TextHarmonizer = (
  model: HarmonizingModel,
  text: string,
  selection: TextSelection | undefined,
  options: HarmonizeOptions,
  signal?: AbortSignal,
) => Promise<TextAlternative[]>;
