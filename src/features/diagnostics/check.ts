/** The notation core's checks for a document, by language. Never throws: a checker bug becomes one diagnostic. */
import type { NotationDiagnostic } from '../../common/diagnostic';
import { notationOf, type NotationLanguage } from '../../notation';

/** Typing pauses this long before the document is checked again. */
export const DIAGNOSTICS_DELAY_MS = 250;

export function checkDocument(language: NotationLanguage, text: string): NotationDiagnostic[] {
  try {
    return notationOf(language).check(text);
  } catch (e) {
    const message = `BachBot could not check this document (${e instanceof Error ? e.message : String(e)}); please report it`;
    const start = { line: 0, column: 0, offset: 0 };
    return [{ severity: 'info', message, range: { start, end: start }, code: 'bachbot.internal' }];
  }
}
