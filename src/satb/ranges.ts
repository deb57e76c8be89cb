/** Usual MIDI ranges of the four voices (soprano, alto, tenor, bass), inclusive. */
export const VOICE_RANGES: readonly (readonly [number, number])[] = [
  [60, 81],
  [53, 74],
  [48, 69],
  [36, 64],
];

/** Lowest and highest pitch each voice reaches in the Bach chorale corpus (transposed to C major / A minor). */
export const VOICE_EXTREMES: readonly (readonly [number, number])[] = [
  [52, 84],
  [48, 79],
  [45, 74],
  [31, 69],
];
