/**
 * The voice-leading rules the harmonizer's search keeps as hard constraints. Pitches are those of the search (the
 * melody moved to C major / A minor); ranges are judged where the singers are, `toSounding` semitones away. A
 * candidate for one voice is judged against every other voice already known in the frame (chosen above it, or given
 * anywhere) and against the previous frame. Two given voices are never judged against each other: what the user
 * wrote is kept as written.
 */
import { mod12 } from '../../music/chord-label';

/** Sounding ranges of the four voices (inclusive); the soprano's is not enforced (it is always given). */
export const VOICE_SOUNDING_RANGES: readonly (readonly [number, number])[] = [
  [0, 127],
  [53, 74],
  [48, 69],
  [36, 64],
];

/** Widest interval allowed between neighbouring voices: soprano-alto, alto-tenor, tenor-bass. */
export const MAX_SPACING: readonly number[] = [12, 12, 24];

export interface FrameRules {
  /** This frame's pitches as far as they are known: -1 a rest, undefined not chosen yet. */
  current: readonly (number | undefined)[];
  /** The previous frame's pitches (-1: a rest, or before the start). */
  previous: readonly number[];
  /** Semitones from the search's pitches to the sounding ones. */
  toSounding: number;
  /** Pairs of pitch classes that clash chromatically (clashTable). */
  clashes: readonly boolean[];
  /** Pitch classes this voice may sound here (chord tones, the final tonic chord); undefined: any. */
  allowed?: readonly boolean[];
  /**
   * Whether the alto's distance below the melody is judged (default true). Not where the lower voices may not
   * strike (an accompaniment between its chords): a melody leaping above a held chord moves away on its own.
   */
  melodySpacing?: boolean;
  /**
   * Frames a listener also hears just before this one, or just after it, other than its neighbours: where a repeat
   * goes back to the start of its part, or the second time through leads into a second ending. Each is that
   * frame's pitches, soprano to bass (-1: a rest); the frame after must be chosen already. Only parallels are
   * judged across them.
   */
  heardBefore?: readonly (readonly number[])[];
  heardAfter?: readonly (readonly number[])[];
}

/**
 * What a chromatic clash or parallel fifths or octaves count for against another rule (a range, the spacing, a
 * crossing): they are what a listener hears first, so where the given notes force a rule to give way, the others
 * give way before them.
 */
export const HEARD_FIRST = 2;

/** The number of rules a candidate pitch (-1: a rest) for `voice` would break, a clash or parallel counting HEARD_FIRST. */
export function violations(voice: number, pitch: number, rules: FrameRules): number {
  return voiceJudge(voice, rules)(pitch);
}

/**
 * `violations` for many candidates of one voice against the same frame: what does not depend on the candidate (its
 * neighbours above and below, the other voices sounding, the range) is looked up once.
 */
export function voiceJudge(voice: number, rules: FrameRules): (pitch: number) => number {
  const { current, previous, clashes, allowed, toSounding } = rules;
  const [lo, hi] = VOICE_SOUNDING_RANGES[voice];
  const above = nearestSounding(current, voice, -1);
  const abovePitch = above >= 0 ? current[above]! : -1;
  const aboveSpacing = above >= 0 && above === voice - 1 && (above > 0 || rules.melodySpacing !== false) ? MAX_SPACING[above] : -1;
  const below = nearestSounding(current, voice, +1);
  const belowPitch = below >= 0 ? current[below]! : -1;
  const belowSpacing = below >= 0 && below === voice + 1 ? MAX_SPACING[voice] : -1;
  const prev = previous[voice];
  const heardBefore = rules.heardBefore ?? [];
  const heardAfter = rules.heardAfter ?? [];
  // The other voices sounding in the frame: [pitch, its pitch class, its previous pitch, 1 if above `voice`, its index].
  const others: number[] = [];
  for (let u = 0; u < current.length; u++) {
    const other = current[u];
    if (u === voice || other === undefined || other < 0) continue;
    others.push(other, mod12(other), previous[u], u < voice ? 1 : 0, u);
  }
  return (pitch) => {
    if (pitch < 0) return 0;
    let broken = 0;
    const sounding = pitch + toSounding;
    if (sounding < lo || sounding > hi) broken++;
    const pc = mod12(pitch);
    if (allowed && !allowed[pc]) broken++;
    if (above >= 0) {
      if (pitch > abovePitch) broken++;
      if (aboveSpacing >= 0 && abovePitch - pitch > aboveSpacing) broken++;
    }
    if (below >= 0) {
      if (pitch < belowPitch) broken++;
      if (belowSpacing >= 0 && pitch - belowPitch > belowSpacing) broken++;
    }
    for (let i = 0; i < others.length; i += 5) {
      const other = others[i];
      const isAbove = others[i + 3] === 1;
      const u = others[i + 4];
      if (clashes[pc * 12 + others[i + 1]]) broken += HEARD_FIRST;
      if (movesInParallel(isAbove, others[i + 2], other, prev, pitch)) broken += HEARD_FIRST;
      for (const before of heardBefore) if (movesInParallel(isAbove, before[u], other, before[voice], pitch)) broken += HEARD_FIRST;
      for (const after of heardAfter) if (movesInParallel(isAbove, other, after[u], pitch, after[voice])) broken += HEARD_FIRST;
    }
    return broken;
  };
}

/** parallelPerfect for the voice being judged (from → to) and another (otherFrom → otherTo), above it or below. */
function movesInParallel(otherAbove: boolean, otherFrom: number, otherTo: number, from: number, to: number): boolean {
  return otherAbove ? parallelPerfect(otherFrom, otherTo, from, to) : parallelPerfect(from, to, otherFrom, otherTo);
}

function nearestSounding(current: readonly (number | undefined)[], voice: number, direction: -1 | 1): number {
  for (let u = voice + direction; u >= 0 && u < current.length; u += direction) {
    const p = current[u];
    if (p !== undefined && p >= 0) return u;
  }
  return -1;
}

/** Two pitches (octaves apart or not) that the table says clash: C against C#. */
export function chromaticClash(a: number, b: number, clashes: readonly boolean[]): boolean {
  return clashes[mod12(a) * 12 + mod12(b)];
}

/**
 * Which pitch-class pairs sound a chromatic semitone (one letter, two accidentals: C against C#). In C major / A
 * minor, the chorales' key, the altered notes are spelled C#, D# or Eb, F#, G#, Bb, so the pairs are C-C#, D-D#,
 * Eb-E, F-F#, G-G#, Bb-B; a leading tone against the note above it (G#-A) is a diatonic semitone and stays
 * allowed. With a scale (a folk tune's mode), every semitone that involves a note outside the scale counts.
 */
export function clashTable(scale?: readonly number[]): boolean[] {
  const table = new Array<boolean>(144).fill(false);
  const mark = (a: number, b: number) => {
    table[mod12(a) * 12 + mod12(b)] = true;
    table[mod12(b) * 12 + mod12(a)] = true;
  };
  if (!scale) {
    for (const [a, b] of [[0, 1], [2, 3], [3, 4], [5, 6], [7, 8], [10, 11]]) mark(a, b);
    return table;
  }
  const inScale = scaleMask(scale);
  for (let pc = 0; pc < 12; pc++) if (!inScale[pc] || !inScale[mod12(pc + 1)]) mark(pc, pc + 1);
  return table;
}

/**
 * Parallel fifths or octaves (unisons) by similar motion: the pair sounded a perfect fifth or octave (compound or
 * not) in the previous frame, sounds the same kind now, and both voices moved in the same direction.
 */
export function parallelPerfect(prevUpper: number, upper: number, prevLower: number, lower: number): boolean {
  if (prevUpper < 0 || prevLower < 0 || upper < 0 || lower < 0) return false;
  if (prevUpper === upper || prevLower === lower) return false;
  if (Math.sign(upper - prevUpper) !== Math.sign(lower - prevLower)) return false;
  // Both voices leaping by octaves keep their two pitch classes: the same interval, not a new one.
  if (mod12(upper - prevUpper) === 0 && mod12(lower - prevLower) === 0) return false;
  const before = mod12(prevUpper - prevLower);
  const after = mod12(upper - lower);
  return before === after && (before === 0 || before === 7);
}

/** The final chord's root, a third and the fifth all sound among the frame's pitches. */
export function completeTriad(pitches: readonly number[], tonic: number, minor: boolean): boolean {
  const pcs = new Set(pitches.filter((p) => p >= 0).map((p) => mod12(p - tonic)));
  return pcs.has(0) && pcs.has(7) && (pcs.has(4) || (minor && pcs.has(3)));
}

export function scaleMask(scale: readonly number[]): boolean[] {
  const mask = new Array<boolean>(12).fill(false);
  for (const pc of scale) mask[mod12(pc)] = true;
  return mask;
}
