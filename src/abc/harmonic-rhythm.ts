/**
 * Where the lower voices of a harmonized tune may strike a new note: the harmonic rhythm of its meter, counted from
 * its bar lines (a pickup aligned with the bar that follows it), and every change of its chord symbols.
 */
import type { ChordLabel } from '../music/chord-label';
import type { Meter } from './types';

/**
 * `accompaniment`: the lower voices strike on the meter's main beats and at chord changes and hold in between, as
 * an accompaniment under a dance tune does. `chorale`: they move where the model likes, as in a Bach chorale.
 */
export type HarmonizeStyle = 'accompaniment' | 'chorale';
export const HARMONIZE_STYLES: readonly HarmonizeStyle[] = ['accompaniment', 'chorale'];

/** Sixteenths in a bar of the meter (a free meter counts as 4/4). */
export function barSixteenths(meter: Meter): number {
  if (meter.free) return 16;
  return Math.max(1, Math.round(meter.barLength.toNumber() * 16));
}

/**
 * The beat the harmony moves on, in sixteenths: a dotted quarter in 6/8, 9/8 and 12/8 (a dotted eighth in x/16
 * compound meters), a half in 2/2 and 3/2, a half bar in 4/4 (reels, hornpipes) with the accompaniment style, a
 * quarter in 2/4, 3/4 and the chorale style's 4/4.
 */
export function harmonicBeat(meter: Meter, style: HarmonizeStyle): number {
  if (meter.free) return 4;
  const { numerator: n, denominator: d } = meter;
  const bar = barSixteenths(meter);
  const note = Math.max(1, Math.round(16 / d));
  if (n > 3 && n % 3 === 0 && d >= 8) return note * 3;
  if (n === 3 && d >= 8) return bar;
  if (d <= 2) return note;
  if (d === 4 && n === 4 && style === 'accompaniment') return 8;
  if (d === 4) return 4;
  return Math.max(2, note * (n % 2 === 0 ? 2 : 1));
}

/**
 * Each frame's place in its bar, counted from the bar lines: a stretch shorter than a bar that opens the tune or
 * follows another short one (a bar split by a repeat sign) is a pickup and ends where its bar ends.
 */
export function positionsFromBarLines(frameCount: number, barLineFrames: readonly number[], barLength: number): number[] {
  const starts = [0, ...barLineFrames.filter((f) => f > 0 && f < frameCount)].filter((f, i, a) => i === 0 || f > a[i - 1]);
  const positions = new Array<number>(frameCount).fill(0);
  let previous = { short: false, pickup: false };
  starts.forEach((start, i) => {
    const end = starts[i + 1] ?? frameCount;
    const length = end - start;
    const short = length < barLength && i + 1 < starts.length;
    const pickup = short && (i === 0 || (previous.short && !previous.pickup));
    const offset = pickup ? barLength - length : 0;
    for (let f = start; f < end; f++) positions[f] = f - start + offset;
    previous = { short, pickup };
  });
  return positions;
}

/** Whether the lower voices may strike at each frame: on the harmonic beat, and wherever the chord symbol changes. */
export function harmonicStrikes(positions: readonly number[], beat: number, chords?: readonly (ChordLabel | undefined)[]): boolean[] {
  return positions.map((p, f) => p % beat === 0 || f === 0 || (chords !== undefined && changes(chords[f - 1], chords[f])));
}

function changes(a: ChordLabel | undefined, b: ChordLabel | undefined): boolean {
  if (!b) return false;
  return !a || a.root !== b.root || a.quality !== b.quality || a.bass !== b.bass;
}
