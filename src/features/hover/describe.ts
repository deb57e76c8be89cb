import { isNotationLanguage, type NotationLanguage } from '../../notation';
import { describeAbcAt } from './describe-abc';
import { describeSatbAt, type HoverInfo } from './describe-satb';

export type { HoverInfo };

const DESCRIBE: Record<NotationLanguage, (text: string, offset: number) => HoverInfo | undefined> = { abc: describeAbcAt, satb: describeSatbAt };

/** Hover lines for the note at `offset`, by language; undefined where there is nothing to name. */
export function describeNoteAt(languageId: string, text: string, offset: number): HoverInfo | undefined {
  return isNotationLanguage(languageId) ? DESCRIBE[languageId](text, offset) : undefined;
}
