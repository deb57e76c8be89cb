/**
 * Chord labels: a root pitch class and a quality. The harmonizer model reads one label per frame (0 for none);
 * Bach's chorales get theirs from an analysis of each beat's sonority, ABC tunes from their chord symbols.
 */
export const CHORD_QUALITIES = ['maj', 'min', 'dim', 'aug', 'dom7', 'maj7', 'min7', 'hdim7', 'dim7'] as const;
export type ChordQuality = (typeof CHORD_QUALITIES)[number];

/** Intervals above the root, in semitones. */
export const QUALITY_INTERVALS: Record<ChordQuality, readonly number[]> = {
  maj: [0, 4, 7],
  min: [0, 3, 7],
  dim: [0, 3, 6],
  aug: [0, 4, 8],
  dom7: [0, 4, 7, 10],
  maj7: [0, 4, 7, 11],
  min7: [0, 3, 7, 10],
  hdim7: [0, 3, 6, 10],
  dim7: [0, 3, 6, 9],
};

export interface ChordLabel {
  /** Pitch class of the root, 0 = C. */
  root: number;
  quality: ChordQuality;
  /** Pitch class the bass should sound (a slash chord's bass); undefined: any chord tone, the root preferred. */
  bass?: number;
}

/** Label ids the model reads: 0 is "no label", then root-major order. */
export const CHORD_LABEL_COUNT = 1 + 12 * CHORD_QUALITIES.length;

export function chordLabelId(label: ChordLabel | undefined): number {
  if (!label) return 0;
  return 1 + mod12(label.root) * CHORD_QUALITIES.length + CHORD_QUALITIES.indexOf(label.quality);
}

export function chordLabelFromId(id: number): ChordLabel | undefined {
  if (!Number.isInteger(id) || id <= 0 || id >= CHORD_LABEL_COUNT) return undefined;
  const q = (id - 1) % CHORD_QUALITIES.length;
  return { root: Math.floor((id - 1) / CHORD_QUALITIES.length), quality: CHORD_QUALITIES[q] };
}

/** The pitch classes a chord sounds (the slash bass included). */
export function chordPitchClasses(label: ChordLabel): Set<number> {
  const pcs = new Set(QUALITY_INTERVALS[label.quality].map((i) => mod12(label.root + i)));
  if (label.bass !== undefined) pcs.add(mod12(label.bass));
  return pcs;
}

/**
 * The triad a tune closes on under this chord symbol, in root position: a major or minor chord's own, a seventh
 * chord's triad ("D7" closes on D major); none for diminished and augmented chords and slash chords.
 */
export function closingTriad(label: ChordLabel): { root: number; minor: boolean } | undefined {
  if (label.bass !== undefined) return undefined;
  if (label.quality === 'maj' || label.quality === 'dom7' || label.quality === 'maj7') return { root: mod12(label.root), minor: false };
  if (label.quality === 'min' || label.quality === 'min7') return { root: mod12(label.root), minor: true };
  return undefined;
}

/** The label moved by `semitones` (its root and slash bass). */
export function transposeChordLabel(label: ChordLabel, semitones: number): ChordLabel {
  return { ...label, root: mod12(label.root + semitones), ...(label.bass !== undefined ? { bass: mod12(label.bass + semitones) } : {}) };
}

export function mod12(n: number): number {
  return ((n % 12) + 12) % 12;
}
