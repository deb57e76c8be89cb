import { parallelPerfect } from '../model/harmonizer/rules';
import type { Frame } from '../satb';

export interface VoiceLeadingCounts {
  /** Parallel fifths and octaves (unisons) by similar motion, over all six pairs of voices. */
  parallels: number;
  /** Frames x pairs where two voices sound a chromatic semitone apart (C against C#, in C major / A minor). */
  chromaticClashes: number;
  /** Pitch changes per voice (a new pitch struck, a rest to a note). */
  changes: [number, number, number, number];
}

/** Pitch-class pairs that share a letter in C major / A minor's usual spelling (C#, D# or Eb, F#, G#, Bb). */
const CHROMATIC_PAIRS = new Set(['0,1', '2,3', '3,4', '5,6', '7,8', '10,11']);

function chromaticSemitone(a: number, b: number): boolean {
  const [x, y] = [((a % 12) + 12) % 12, ((b % 12) + 12) % 12].sort((p, q) => p - q);
  return CHROMATIC_PAIRS.has(`${x},${y}`);
}

/** The figures eval compares between a harmonization and Bach's own parts (frames in C major / A minor). */
export function voiceLeadingCounts(frames: readonly Frame[]): VoiceLeadingCounts {
  const out: VoiceLeadingCounts = { parallels: 0, chromaticClashes: 0, changes: [0, 0, 0, 0] };
  const pitch = (f: Frame, v: number) => (f.voices[v]?.kind === 'note' ? (f.voices[v] as { pitch: number }).pitch : -1);
  frames.forEach((frame, k) => {
    for (let a = 0; a < 4; a++) {
      const pa = pitch(frame, a);
      if (k > 0 && pa >= 0 && pa !== pitch(frames[k - 1], a)) out.changes[a]++;
      for (let b = a + 1; b < 4; b++) {
        const pb = pitch(frame, b);
        if (pa >= 0 && pb >= 0 && chromaticSemitone(pa, pb)) out.chromaticClashes++;
        if (k > 0 && parallelPerfect(pitch(frames[k - 1], a), pa, pitch(frames[k - 1], b), pb)) out.parallels++;
      }
    }
  });
  return out;
}
