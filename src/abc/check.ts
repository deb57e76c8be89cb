/** `checkAbc`: syntax diagnostics plus bars whose durations do not add up to the meter. */
import type { NotationDiagnostic } from '../common/diagnostic';
import { Fraction } from '../music/fraction';
import { parseAbc, toDiagnostics } from './parse';
import type { RawDiagnostic } from './scan-body';
import { analyzeTiming, BarSpan } from './timing';
import type { AbcTune } from './types';

/** Whole notes shown as a count of the meter's beat unit: 5/8 in 6/8 → "5/8". */
function describe(length: Fraction, den: number): string {
  const inUnits = length.mul(new Fraction(den));
  return inUnits.den === 1 ? `${inUnits.num}/${den}` : length.toString();
}

/**
 * Bar-length findings for one tune. A short bar is accepted where a section begins (a pickup), and where
 * a section ends when it completes the pickup of the section it closes or of the next one (or the tune's first).
 */
export function checkBarLengths(tune: AbcTune): RawDiagnostic[] {
  const { bars, problems } = analyzeTiming(tune);
  const out: RawDiagnostic[] = [...problems];
  const byVoice = new Map<string, BarSpan[]>();
  for (const b of bars) {
    if (!byVoice.has(b.voice)) byVoice.set(b.voice, []);
    byVoice.get(b.voice)!.push(b);
  }
  for (const list of byVoice.values()) {
    const pickups = list.map((b) => (b.sectionStart && !b.meter.free && b.duration.lt(b.meter.barLength) ? b.duration : undefined));
    const firstPickup = pickups.find((p) => p !== undefined);
    let sectionPickup: Fraction | undefined;
    list.forEach((bar, k) => {
      if (bar.sectionStart) sectionPickup = pickups[k];
      if (bar.meter.free || bar.multiMeasure !== undefined) return;
      const full = bar.meter.barLength;
      const cmp = bar.duration.compare(full);
      if (cmp === 0) return;
      const what = `bar is ${describe(bar.duration, bar.meter.denominator)} long but M:${bar.meter.text} needs ${describe(full, bar.meter.denominator)}`;
      if (cmp > 0) {
        out.push({ severity: 'warning', message: `${what} (too long)`, start: bar.start, end: bar.end, code: 'abc.bar-length' });
        return;
      }
      if (bar.sectionStart) return;
      if (bar.sectionEnd) {
        const nextPickup = pickups[k + 1];
        const completes = [sectionPickup, nextPickup, firstPickup].some((p) => p !== undefined && p.add(bar.duration).equals(full));
        if (completes) return;
      }
      out.push({ severity: 'warning', message: `${what} (too short)`, start: bar.start, end: bar.end, code: 'abc.bar-length' });
    });
  }
  return out;
}

/** Parse errors and warnings plus bar-length warnings for every tune, with exact ranges. Never throws. */
export function checkAbc(text: string): NotationDiagnostic[] {
  const parsed = parseAbc(text);
  const raw: RawDiagnostic[] = [];
  try {
    for (const tune of parsed.tunes) raw.push(...checkBarLengths(tune));
  } catch (e) {
    raw.push({ severity: 'error', message: `internal checker error: ${(e as Error).message}`, start: 0, end: 0, code: 'abc.internal' });
  }
  return [...parsed.diagnostics, ...toDiagnostics(text, raw)];
}
