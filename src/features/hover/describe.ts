import { describeAbcAt } from './describe-abc';
import { describeSatbAt, type HoverInfo } from './describe-satb';

export type { HoverInfo };

/** Hover lines for the note at `offset`, by language; undefined where there is nothing to name. */
export function describeNoteAt(languageId: string, text: string, offset: number): HoverInfo | undefined {
  if (languageId === 'satb') return describeSatbAt(text, offset);
  if (languageId === 'abc') return describeAbcAt(text, offset);
  return undefined;
}
