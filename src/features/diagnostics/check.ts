/** The notation core's checks for a document, by language, as the editor lists them. Never throws: a checker bug
 * becomes one diagnostic. */
import type { NotationDiagnostic } from '../../common/diagnostic';
import { notationOf, type NotationLanguage } from '../../notation';

/** Typing pauses this long before the document is checked again. */
export const DIAGNOSTICS_DELAY_MS = 250;

/** VS Code shows at most 1,000 problems per file. A 1 MB tune with a problem on every line has 90,000: handing
 * them all over would cost the extension host half a second per check, for problems nobody is shown. */
export const MAX_EDITOR_DIAGNOSTICS = 1000;

const SEVERITY_ORDER: readonly NotationDiagnostic['severity'][] = ['error', 'warning', 'info'];

export function checkDocument(language: NotationLanguage, text: string): NotationDiagnostic[] {
  try {
    return editorList(notationOf(language).check(text));
  } catch (e) {
    const message = `BachBot could not check this document (${e instanceof Error ? e.message : String(e)}); please report it`;
    return [{ severity: 'info', message, range: { start: START, end: START }, code: 'bachbot.internal' }];
  }
}

const START = { line: 0, column: 0, offset: 0 };

/** Past the limit: errors first, then warnings, then notes, each in document order, and one line that says how
 * many more there are. */
function editorList(found: NotationDiagnostic[]): NotationDiagnostic[] {
  if (found.length <= MAX_EDITOR_DIAGNOSTICS) return found;
  const kept: NotationDiagnostic[] = [];
  for (const severity of SEVERITY_ORDER) {
    for (const d of found) {
      if (kept.length === MAX_EDITOR_DIAGNOSTICS - 1) break;
      if (d.severity === severity) kept.push(d);
    }
  }
  const more = found.length - kept.length;
  const message = `${more.toLocaleString('en-US')} more problems are not listed (${found.length.toLocaleString('en-US')} in all; \`bachbot check\` lists every one)`;
  kept.push({ severity: 'info', message, range: { start: START, end: START }, code: 'bachbot.more-problems' });
  return kept;
}
