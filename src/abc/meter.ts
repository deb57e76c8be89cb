/** M: and L: values. */
import { Fraction } from '../music/fraction';
import type { Meter } from './types';

export const FREE_METER: Meter = { text: 'none', free: true, barLength: Fraction.ZERO, numerator: 0, denominator: 0 };

/** Parses an M: value: `6/8`, `C`, `C|`, `2+3/8`, `(2+2+3)/8`, `none`. Undefined when unreadable. */
export function parseMeter(value: string): Meter | undefined {
  const text = value.replace(/%.*$/, '').trim();
  if (text === '' || text.toLowerCase() === 'none') return { ...FREE_METER, text: text || 'none' };
  if (text === 'C') return { text, free: false, barLength: Fraction.ONE, numerator: 4, denominator: 4 };
  if (text === 'C|') return { text, free: false, barLength: Fraction.ONE, numerator: 2, denominator: 2 };
  const m = /^\(?\s*(\d+(?:\s*\+\s*\d+)*)\s*\)?\s*\/\s*(\d+)$/.exec(text);
  if (!m) return undefined;
  const numerator = m[1].split('+').reduce((a, b) => a + Number(b), 0);
  const denominator = Number(m[2]);
  if (numerator <= 0 || denominator <= 0 || numerator > 64 || denominator > 64) return undefined;
  return { text, free: false, barLength: new Fraction(numerator, denominator), numerator, denominator };
}

/** Parses an L: value (`1/8`, `1/4`, `1`). Undefined when unreadable. */
export function parseUnitLength(value: string): Fraction | undefined {
  const text = value.replace(/%.*$/, '').trim();
  const f = Fraction.parse(text);
  if (!f || f.num <= 0 || f.den > 512) return undefined;
  return f;
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
