/** M: and L: values. */
import { Fraction } from '../music/fraction';
import type { Meter } from './types';

export const FREE_METER: Meter = { text: 'none', free: true, barLength: Fraction.ZERO, numerator: 0, denominator: 0 };

/** At most 64 beats to the bar, of at least a 64th: past that no bar is one that anyone plays. */
const MAX_METER_PART = 64;
/** The shortest unit length, 1/512 of a whole note (abcjs draws no note shorter than a 64th). */
const MAX_UNIT_DENOMINATOR = 512;

/** Parses an M: value: `6/8`, `C`, `C|`, `2+3/8`, `(2+2+3)/8`, `none`. Undefined when unreadable. */
export function parseMeter(value: string): Meter | undefined {
  const read = readMeter(value);
  return 'problem' in read ? undefined : read;
}

/** An M: value read, or why it cannot be (as a diagnostic's message). */
export function readMeter(value: string): Meter | { problem: string } {
  const text = value.replace(/%.*$/, '').trim();
  if (text === '' || text.toLowerCase() === 'none') return { ...FREE_METER, text: text || 'none' };
  if (text === 'C') return { text, free: false, barLength: Fraction.ONE, numerator: 4, denominator: 4 };
  if (text === 'C|') return { text, free: false, barLength: Fraction.ONE, numerator: 2, denominator: 2 };
  const m = /^\(?\s*(\d+(?:\s*\+\s*\d+)*)\s*\)?\s*\/\s*(\d+)$/.exec(text);
  if (!m) return { problem: `unreadable meter '${text}' (expected e.g. 6/8, 2+3/8, C, C| or none)` };
  const numerator = m[1].split('+').reduce((a, b) => a + Number(b), 0);
  const denominator = Number(m[2]);
  if (numerator === 0) return { problem: `meter '${text}' has no beats: a bar of it lasts nothing` };
  if (denominator === 0) return { problem: `meter '${text}' has a zero denominator` };
  if (numerator > MAX_METER_PART || denominator > MAX_METER_PART) {
    return { problem: `meter '${text}' is out of range (at most ${MAX_METER_PART} beats of at least 1/${MAX_METER_PART})` };
  }
  return { text, free: false, barLength: new Fraction(numerator, denominator), numerator, denominator };
}

/** Parses an L: value (`1/8`, `1/4`, `1`). Undefined when unreadable. */
export function parseUnitLength(value: string): Fraction | undefined {
  const read = readUnitLength(value);
  return 'problem' in read ? undefined : read;
}

/** An L: value read, or why it cannot be (as a diagnostic's message). */
export function readUnitLength(value: string): Fraction | { problem: string } {
  const text = value.replace(/%.*$/, '').trim();
  const m = /^(\d+)(?:\s*\/\s*(\d+))?$/.exec(text);
  if (!m) return { problem: `unreadable unit length '${text}' (expected e.g. 1/8)` };
  const num = Number(m[1]);
  const den = m[2] === undefined ? 1 : Number(m[2]);
  if (den === 0) return { problem: `unit length '${text}' has a zero denominator` };
  if (num === 0) return { problem: `unit length '${text}' is zero: its notes would last nothing` };
  if (!Number.isSafeInteger(num) || den > MAX_UNIT_DENOMINATOR) return { problem: `unit length '${text}' is out of range (at least 1/${MAX_UNIT_DENOMINATOR})` };
  return new Fraction(num, den);
}

/** The standard's default L: a meter below 3/4 gives 1/16, otherwise 1/8 (free meter: 1/8). */
export function defaultUnitLength(meter: Meter): Fraction {
  if (meter.free) return new Fraction(1, 8);
  return meter.barLength.toNumber() < 0.75 ? new Fraction(1, 16) : new Fraction(1, 8);
}

/** 6/8, 9/8, 12/8 ...: a numerator that is a multiple of 3 above 3. */
export function isCompound(meter: Meter): boolean {
  return !meter.free && meter.numerator > 3 && meter.numerator % 3 === 0;
}
