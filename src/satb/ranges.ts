/** Usual MIDI ranges of the four voices (soprano, alto, tenor, bass), inclusive. */
export const VOICE_RANGES: readonly (readonly [number, number])[] = [
  [60, 81],
  [53, 74],
  [48, 69],
  [36, 64],
];
