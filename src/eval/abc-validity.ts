import { checkAbc } from '../abc';
import type { LoadedModel } from '../model/model';
import { complete } from '../model/tasks/complete';

export interface AbcValidityFigures {
  task: 'tune' | 'continuation';
  attempts: number;
  /** Attempts for which the model returned a suggestion. */
  produced: number;
  /** Produced texts whose generated part has no parse error and no bar of the wrong length. */
  valid: number;
  validShare: number;
  /** Diagnostics found in generated parts, by code (or 'error'), to see what goes wrong. */
  problems: Record<string, number>;
  seconds: number;
}

/** The header of a tune (X: to K: inclusive) and the body after it. */
export function splitHeader(tuneText: string): { header: string; body: string } | undefined {
  const m = /^K:.*(?:\r?\n|$)/m.exec(tuneText);
  if (!m) return undefined;
  const end = m.index + m[0].length;
  return { header: tuneText.slice(0, end).replace(/\r?\n?$/, '\n'), body: tuneText.slice(end) };
}

/** The body up to and including its `bars`-th plain bar line (not a repeat sign or a double bar), or undefined. */
export function bodyThroughBars(body: string, bars: number): string | undefined {
  const re = /(?<![:|[])\|(?![:|\]\d])/g;
  let seen = 0;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    if (++seen === bars) return body.slice(0, m.index + 1);
  }
  return undefined;
}

function cursorAtEnd(text: string): { line: number; column: number } {
  const lines = text.split('\n');
  return { line: lines.length - 1, column: lines[lines.length - 1].length };
}

/**
 * Samples from the ABC model and checks what it writes: 'tune' writes `bars` bars after a validation tune's header;
 * 'continuation' continues a validation tune after its second bar. Only diagnostics inside the generated text count.
 */
export async function abcValidityFigures(
  model: LoadedModel,
  tuneTexts: string[],
  task: 'tune' | 'continuation',
  attempts: number,
  bars = 4,
): Promise<AbcValidityFigures> {
  const started = Date.now();
  const prompts: string[] = [];
  for (const text of tuneTexts) {
    const parts = splitHeader(text);
    if (!parts) continue;
    if (task === 'tune') prompts.push(parts.header);
    else {
      const head = bodyThroughBars(parts.body, 2);
      if (head && !head.includes('\n')) prompts.push(parts.header + head);
    }
  }
  if (prompts.length === 0) throw new Error(`no usable ${task} prompts among ${tuneTexts.length} tunes`);
  let produced = 0;
  let valid = 0;
  const problems: Record<string, number> = {};
  for (let i = 0; i < attempts; i++) {
    const prompt = prompts[i % prompts.length];
    const [suggestion] = await complete(model, prompt, cursorAtEnd(prompt), { n: 1, seed: 1 + i, maxBars: bars - 1, temperature: 1, topP: 1 });
    if (!suggestion) continue;
    produced++;
    const text = prompt + suggestion.text + '\n';
    const found = checkAbc(text).filter(
      (d) => d.range.end.offset > prompt.length && (d.severity === 'error' || d.code === 'abc.bar-length'),
    );
    if (found.length === 0) valid++;
    for (const d of found) problems[d.code ?? d.severity] = (problems[d.code ?? d.severity] ?? 0) + 1;
  }
  return { task, attempts, produced, valid, validShare: valid / attempts, problems, seconds: (Date.now() - started) / 1000 };
}
