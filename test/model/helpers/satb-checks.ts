import { VOICE_RANGES, parseSatb } from '../../../src/satb';

/** Problems with a .satb text under the generation rules (parse errors, ranges, holds, slots); [] when valid. */
export function satbProblems(text: string): string[] {
  const parsed = parseSatb(text);
  const problems = parsed.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.range.start.line + 1}:${d.range.start.column + 1} ${d.message}`);
  const frames = parsed.chorale.frames;
  frames.forEach((f, i) => {
    if (f.voices.length !== 4) problems.push(`frame ${i + 1}: ${f.voices.length} voices`);
    f.voices.forEach((v, voice) => {
      if (v.kind === 'slot') problems.push(`frame ${i + 1}: slot`);
      if (v.kind !== 'note') return;
      const [lo, hi] = VOICE_RANGES[voice];
      if (v.pitch < lo || v.pitch > hi) problems.push(`frame ${i + 1} voice ${voice}: ${v.pitch} outside ${lo}-${hi}`);
      if (v.held) {
        const prev = frames[i - 1]?.voices[voice];
        if (!prev || prev.kind !== 'note' || prev.pitch !== v.pitch) problems.push(`frame ${i + 1} voice ${voice}: held ${v.pitch} without it sounding before`);
      }
    });
  });
  return problems;
}

/** Inserts `insert` at the 0-based line/column of `text`. */
export function insertAt(text: string, line: number, column: number, insert: string): string {
  const lines = text.split('\n');
  let offset = 0;
  for (let i = 0; i < line; i++) offset += lines[i].length + 1;
  offset += column;
  return text.slice(0, offset) + insert + text.slice(offset);
}
