/** `checkAbc`: syntax diagnostics, bars whose durations do not add up to the meter, and the voice leading of
 * four-voice tunes. */
import { pushAll } from '../common/arrays';
import type { NotationDiagnostic } from '../common/diagnostic';
import { Fraction } from '../music/fraction';
import { parseAbc, toDiagnostics } from './parse';
import type { RawDiagnostic } from './scan-body';
import { analyzeTiming, BarSpan } from './timing';
import type { AbcParseResult, AbcTune } from './types';
import { checkVoiceLeading } from './voice-leading-check';

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
    const voiceOut: RawDiagnostic[] = [];
    checkVoiceBars(list, voiceOut, (b) => endsLine(tune.source, b.end));
    pushAll(out, summarizeMeterMismatch(list, voiceOut));
  }
  return out;
}

/** Bars are short or long by the same amount throughout the voice: most likely the M: field is wrong. */
function summarizeMeterMismatch(list: BarSpan[], found: RawDiagnostic[]): RawDiagnostic[] {
  const measured = list.filter((b) => !b.meter.free && b.multiMeasure === undefined);
  const byBar = new Map<string, RawDiagnostic[]>();
  for (const d of found) {
    const key = `${d.start}:${d.end}`;
    (byBar.get(key) ?? byBar.set(key, []).get(key)!).push(d);
  }
  const flagged = (b: BarSpan) => byBar.get(`${b.start}:${b.end}`) ?? [];
  const byLength = new Map<string, BarSpan[]>();
  for (const bar of measured) {
    if (bar.duration.equals(bar.meter.barLength)) continue;
    const key = `${bar.duration} ${bar.meter.text}`;
    (byLength.get(key) ?? byLength.set(key, []).get(key)!).push(bar);
  }
  for (const bars of byLength.values()) {
    const diagnostics = bars.flatMap(flagged);
    if (diagnostics.length < 4 || bars.length * 2 < measured.length) continue;
    const bar = bars[0];
    const length = describe(bar.duration, bar.meter.denominator);
    const summary: RawDiagnostic = {
      severity: 'warning',
      code: 'abc.bar-length',
      message: `${bars.length} of ${measured.length} bars are ${length} long but M:${bar.meter.text} needs ${describe(bar.meter.barLength, bar.meter.denominator)}: is the meter M:${length}?`,
      start: bar.start,
      end: bar.end,
    };
    const summarized = new Set(diagnostics);
    return [summary, ...found.filter((d) => !summarized.has(d))];
  }
  return found;
}

/** Only spaces, a comment or a `\` continuation follow `offset` on its line. */
function endsLine(text: string, offset: number): boolean {
  for (let i = offset; i < text.length; i++) {
    const c = text[i];
    if (c === '\n' || c === '\r' || c === '%') return true;
    if (c !== '\\' && !/\s/.test(c)) return false;
  }
  return true;
}

/**
 * Two short bars that make one full bar between them, split where a line (or a section) ends: a part's last
 * bar and the next part's pickup (`... e3- e2|` then `A|` on the next line).
 */
function splitBar(a: BarSpan | undefined, b: BarSpan | undefined, atLineEnd: (bar: BarSpan) => boolean): boolean {
  if (!a || !b || a.meter.free || a.meter.text !== b.meter.text || a.multiMeasure !== undefined || b.multiMeasure !== undefined) return false;
  const full = a.meter.barLength;
  if (!a.duration.lt(full) || !b.duration.lt(full) || !a.duration.add(b.duration).equals(full)) return false;
  return a.sectionEnd || b.sectionStart || atLineEnd(a);
}

function checkVoiceBars(list: BarSpan[], out: RawDiagnostic[], atLineEnd: (bar: BarSpan) => boolean): void {
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
    if (splitBar(list[k - 1], bar, atLineEnd) || splitBar(bar, list[k + 1], atLineEnd)) return;
    if (bar.sectionEnd) {
      const nextPickup = pickups[k + 1];
      const completes = [sectionPickup, nextPickup, firstPickup].some((p) => p !== undefined && p.add(bar.duration).equals(full));
      if (completes) return;
    }
    out.push({ severity: 'warning', message: `${what} (too short)`, start: bar.start, end: bar.end, code: 'abc.bar-length' });
  });
}

/**
 * The first error of one tune in reading order: its syntax errors and those of the fields in its body (the checks
 * that make a tune unreadable, not its bar lengths or voice leading); undefined when it has none.
 */
export function firstTuneError(parsed: AbcParseResult, tune: AbcTune): NotationDiagnostic | undefined {
  const inTune = parsed.diagnostics.filter((d) => d.severity === 'error' && d.range.start.offset >= tune.start && d.range.start.offset <= tune.end);
  const inBody = toDiagnostics(tune.source, analyzeTiming(tune).problems.filter((d) => d.severity === 'error'));
  let first: NotationDiagnostic | undefined;
  for (const d of [...inTune, ...inBody]) if (!first || d.range.start.offset < first.range.start.offset) first = d;
  return first;
}

/** Parse errors and warnings plus bar-length warnings for every tune, with exact ranges. Never throws. */
export function checkAbc(text: string): NotationDiagnostic[] {
  const parsed = parseAbc(text);
  const raw: RawDiagnostic[] = [];
  try {
    for (const tune of parsed.tunes) pushAll(pushAll(raw, checkBarLengths(tune)), checkVoiceLeading(tune));
  } catch (e) {
    raw.push({ severity: 'error', message: `internal checker error: ${(e as Error).message}`, start: 0, end: 0, code: 'abc.internal' });
  }
  return [...parsed.diagnostics, ...toDiagnostics(text, raw)];
}
