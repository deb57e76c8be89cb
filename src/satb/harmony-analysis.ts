import { CHORD_QUALITIES, QUALITY_INTERVALS, mod12, type ChordLabel } from '../music/chord-label';
import { parseSatbMeter, sixteenthsPerBar } from './meter';
import type { Frame } from './types';

/** Frames in one beat of a meter ("4/4" -> 4 sixteenths, "6/8" -> 6, "3/2" -> 4: Bach moves in quarters there too). */
export function analysisBeatFrames(meter: string | undefined): number {
  const m = parseSatbMeter(meter);
  if (!m) return 4;
  const { numerator: num, denominator: den } = m;
  if (den === 8) return num % 3 === 0 && num > 3 ? 6 : 2;
  if (den === 16) return 1;
  return 4;
}

/** Sixteenths in one bar of a meter ("3/4" -> 12); 16 when the meter cannot be read. */
export function barFrames(meter: string | undefined): number {
  return Math.max(1, Math.round(sixteenthsPerBar(meter)));
}

/** Index of each frame within its bar, counted from the bar line (frames before `pickup` belong to the bar it completes). */
export function positionsInBar(frameCount: number, barLength: number, pickup: number): number[] {
  const out: number[] = [];
  for (let f = 0; f < frameCount; f++) out.push((((f - pickup) % barLength) + barLength) % barLength);
  return out;
}

/**
 * The chord each beat sounds, by the sonority of all four voices: every chord template (root and quality) is scored
 * by how much of the beat's sounding time falls on its tones, less what falls outside it and the tones it lacks; the
 * bass and the notes struck on the beat count more. A beat with fewer than two pitch classes keeps the last chord.
 * Returns one label per frame (every frame of a beat gets the beat's chord).
 */
export function analyzeChords(frames: Frame[], beatLength: number, pickup = 0): (ChordLabel | undefined)[] {
  const out: (ChordLabel | undefined)[] = new Array(frames.length).fill(undefined);
  let last: ChordLabel | undefined;
  const offset = ((pickup % beatLength) + beatLength) % beatLength;
  for (let start = offset > 0 ? offset - beatLength : 0; start < frames.length; start += beatLength) {
    const from = Math.max(0, start);
    const to = Math.min(frames.length, start + beatLength);
    const label = beatChord(frames.slice(from, to)) ?? last;
    for (let f = from; f < to; f++) out[f] = label;
    last = label;
  }
  return out;
}

function beatChord(frames: Frame[]): ChordLabel | undefined {
  const weight = new Array<number>(12).fill(0);
  let bassPc: number | undefined;
  frames.forEach((frame, i) => {
    frame.voices.forEach((v, voice) => {
      if (v.kind !== 'note') return;
      const pc = mod12(v.pitch);
      weight[pc] += (voice === 3 ? 1.5 : 1) + (i === 0 ? 0.5 : 0);
      if (voice === 3 && bassPc === undefined) bassPc = pc;
    });
  });
  if (weight.filter((w) => w > 0).length < 2) return undefined;
  const total = weight.reduce((a, b) => a + b, 0);
  let best: { label: ChordLabel; score: number } | undefined;
  for (let root = 0; root < 12; root++) {
    for (const quality of CHORD_QUALITIES) {
      const tones = QUALITY_INTERVALS[quality].map((i) => mod12(root + i));
      const inside = tones.reduce((s, pc) => s + weight[pc], 0);
      // The fifth of a triad or seventh chord may be left out; the root, third and seventh may not.
      const missing = tones.filter((pc, i) => weight[pc] === 0 && !(i === 2 && quality !== 'dim' && quality !== 'aug')).length;
      let score = inside - (total - inside) - 0.8 * total * (missing / tones.length);
      if (tones.length === 4) score -= 0.3 * total;
      if (bassPc === root) score += 0.1 * total;
      if (!best || score > best.score) best = { label: { root, quality }, score };
    }
  }
  return best?.label;
}
