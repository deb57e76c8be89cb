/** The `% meter:` of a chorale: a fraction of whole numbers such as 3/4, one sixteenth per frame. */

export interface SatbMeter {
  numerator: number;
  denominator: number;
}

/** `3/4` → { numerator 3, denominator 4 }; undefined for anything else. */
export function parseSatbMeter(value: string | undefined): SatbMeter | undefined {
  const m = /^(\d+)\/(\d+)$/.exec(value ?? '');
  return m ? { numerator: Number(m[1]), denominator: Number(m[2]) } : undefined;
}

/** Sixteenths in a bar of `meter`, unrounded (`5/32` gives 2.5); 16 when the meter cannot be read. */
export function sixteenthsPerBar(meter: string | undefined): number {
  const m = parseSatbMeter(meter);
  return m && m.denominator > 0 ? (16 * m.numerator) / m.denominator : 16;
}

/** Frames (sixteenths) in `bars` bars of `meter`; 4/4 when the meter is missing or odd. */
export function framesForBars(bars: number, meter: string | undefined): number {
  const perBar = sixteenthsPerBar(meter);
  return Math.max(1, Math.round(bars * (Number.isFinite(perBar) && perBar > 0 ? perBar : 16)));
}
