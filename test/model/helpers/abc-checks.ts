import { analyzeTiming, parseAbc } from '../../../src/abc';

/**
 * Problems in the bars that `text.slice(from)` wrote, under the generation rules: parse errors there, and every
 * bar that ends inside it must be exactly as long as the meter says (the completion never writes pickups).
 */
export function abcCompletionProblems(text: string, from: number): string[] {
  const parsed = parseAbc(text);
  const problems = parsed.diagnostics
    .filter((d) => d.severity === 'error' && d.range.end.offset > from)
    .map((d) => `${d.range.start.line + 1}:${d.range.start.column + 1} ${d.message}`);
  const tune = parsed.tunes[parsed.tunes.length - 1];
  for (const bar of analyzeTiming(tune).bars) {
    if (bar.end <= from || bar.meter.free || bar.closing === '') continue;
    if (!bar.duration.equals(bar.meter.barLength)) {
      problems.push(`bar ${JSON.stringify(text.slice(bar.start, bar.end))} is ${bar.duration} of a whole note, M:${bar.meter.text} needs ${bar.meter.barLength}`);
    }
  }
  return problems;
}

/** Short tunes in several meters and keys, cut at many places by the completion tests. */
export const TUNES = [
  `X:1\nT:Jig\nM:6/8\nL:1/8\nK:G\n"G"g2g B^AB|d2d G3|"Em"GAB "Am"A2A|"D7"ABc "G"BAG|\n"G"g2g B^AB|d2d G2G|"Em"GAB "Am"A2G|"D7"FGA "G"G3|\n`,
  `X:2\nT:Reel\nM:4/4\nL:1/8\nK:D\n"D"f2f Fdd e|"D"AFA f2e f2|"G"g2g ecd e|"Em"efd "A7"cBA d|\n`,
  `X:3\nT:Waltz\nM:3/4\nL:1/4\nK:Am\n"Am"A B c|"E7"B ^G E|"Am"A3|"Dm"d2 f|"E"e2 ^G|"Am"A3|\n`,
  `X:4\nT:Hornpipe\nM:2/4\nL:1/16\nK:F\n"F"c2A2 F2A2|"C7"G2B2 e2g2|"F"f4 c4|\n`,
];
