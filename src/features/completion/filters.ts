/**
 * Post-processing of the model's suggestions: a pipeline of small filters, each of which may change a
 * suggestion or drop it (undefined). Order matters: length limits first, spacing last.
 */
import type { NotationLanguage } from '../../notation';

export interface FilterContext {
  language: NotationLanguage;
  /** Text of the document before the cursor. */
  prefix: string;
  /** Text of the document after the cursor. */
  suffix: string;
  maxBars?: number;
  maxFrames?: number;
}

export type SuggestionFilter = (text: string, ctx: FilterContext) => string | undefined;

/** ABC: keep at most `maxBars` bar lines (the cut falls right after the last one kept). */
export const limitBars: SuggestionFilter = (text, ctx) => {
  if (ctx.language !== 'abc' || !ctx.maxBars) return text;
  const end = endAfterBarLines(text, ctx.maxBars);
  return end === undefined ? text : text.slice(0, end);
};

/** SATB: keep at most `maxFrames` frames (each ends with `|||`). */
export const limitFrames: SuggestionFilter = (text, ctx) => {
  if (ctx.language !== 'satb' || !ctx.maxFrames) return text;
  let from = 0;
  for (let i = 0; i < ctx.maxFrames; i++) {
    const at = text.indexOf('|||', from);
    if (at < 0) return text;
    from = at + 3;
  }
  return text.slice(0, from);
};

/** SATB: never propose a second END, nor anything after END. */
export const stopAtEnd: SuggestionFilter = (text, ctx) => {
  if (ctx.language !== 'satb') return text;
  const m = /(^|\s)END(\s|$)/.exec(text);
  if (!m) return text;
  const endAt = m.index + m[1].length;
  const documentHasEnd = /(^|\s)END(\s|$)/.test(ctx.suffix.replace(/%[^\n]*/g, ''));
  return documentHasEnd ? text.slice(0, endAt) : text.slice(0, endAt + 3);
};

/** Trailing spaces at the ends of lines, and line breaks at the very end (the cursor line is empty after it), are noise. */
export const trimTrailingSpaces: SuggestionFilter = (text) => text.replace(/[ \t]+(?=\r?\n|$)/g, '').replace(/\s+$/, '');

export const dropBlank: SuggestionFilter = (text) => (text.trim() === '' ? undefined : text);

/** Ghost text identical to what already follows the cursor adds nothing. */
export const dropRepeatOfSuffix: SuggestionFilter = (text, ctx) => {
  const suggested = text.trim();
  return ctx.suffix.trimStart().startsWith(suggested) ? undefined : text;
};

/**
 * Tokens must stay apart: after a finished frame (`|||`) or START the next frame goes on a new line; after
 * any other token, a space. ABC needs no separator (notes are written together).
 */
export const separateFromPrefix: SuggestionFilter = (text, ctx) => {
  if (ctx.language !== 'satb' || /\s$/.test(ctx.prefix) || ctx.prefix === '' || /^\s/.test(text)) return text;
  return (/(\|\|\||START)$/.test(ctx.prefix) ? '\n' : ' ') + text;
};

export const DEFAULT_FILTERS: readonly SuggestionFilter[] = [
  limitBars,
  limitFrames,
  stopAtEnd,
  trimTrailingSpaces,
  dropBlank,
  dropRepeatOfSuffix,
  separateFromPrefix,
];

/** Runs every suggestion through the filters and drops duplicates, keeping the model's order. */
export function postProcess(texts: readonly string[], ctx: FilterContext, filters = DEFAULT_FILTERS): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const original of texts) {
    let text: string | undefined = original;
    for (const f of filters) {
      text = f(text, ctx);
      if (text === undefined) break;
    }
    if (text === undefined || seen.has(text.trim())) continue;
    seen.add(text.trim());
    out.push(text);
  }
  return out;
}

/** End offset just after the `count`-th bar line of ABC text, skipping chord symbols and decorations. */
function endAfterBarLines(text: string, count: number): number | undefined {
  let seen = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"' || c === '!') {
      const close = text.indexOf(c, i + 1);
      i = close < 0 ? text.length : close + 1;
      continue;
    }
    const bar = /^(\|\]|\|\||\|:|:\|\||:\||::|\[\||\|)(\[?\d+)?/.exec(text.slice(i, i + 6));
    if (bar && (c === '|' || c === ':' || c === '[')) {
      i += bar[1].length;
      if (++seen === count) return i;
      continue;
    }
    i++;
  }
  return undefined;
}
