/**
 * How the editor presents the engine's suggestions: a pipeline of small filters, each of which may change a
 * suggestion or drop it (undefined). What a suggestion may contain (its length in bars or frames, no END, the
 * spacing from the text before it) is the engine's, decided by its grammar as it writes (src/model/tasks/*-complete.ts);
 * these only tidy what the editor shows and drop what would add nothing.
 */

export interface FilterContext {
  /** Text of the document after the cursor. */
  suffix: string;
}

export type SuggestionFilter = (text: string, ctx: FilterContext) => string | undefined;

/** Trailing spaces at the ends of lines, and line breaks at the very end (the cursor line is empty after it), are noise. */
export const trimTrailingSpaces: SuggestionFilter = (text) => text.replace(/[ \t]+(?=\r?\n|$)/g, '').replace(/\s+$/, '');

export const dropBlank: SuggestionFilter = (text) => (text.trim() === '' ? undefined : text);

/** Ghost text identical to what already follows the cursor adds nothing. */
export const dropRepeatOfSuffix: SuggestionFilter = (text, ctx) => {
  const suggested = text.trim();
  return ctx.suffix.trimStart().startsWith(suggested) ? undefined : text;
};

export const DEFAULT_FILTERS: readonly SuggestionFilter[] = [trimTrailingSpaces, dropBlank, dropRepeatOfSuffix];

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
