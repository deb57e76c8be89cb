/** What "BachBot: Continue" asks of the engine: a few bars (ABC) or a few bars' worth of frames (chorales). */
import { postProcess } from '../completion/filters';
import { completionBlocker } from '../../model/tasks/completion-position';
import { notationOf, type NotationLanguage } from '../../notation';

export const CONTINUE_BARS = 4;
/** A chorale's bar holds four voices of sixteenths: half as many bars make a comparable continuation. */
const BARS_OF: Record<NotationLanguage, number> = { abc: CONTINUE_BARS, satb: CONTINUE_BARS / 2 };

export interface ContinueRequest {
  maxBars?: number;
  maxFrames?: number;
}

/** The request, or the reason the cursor is not a place to continue from. */
export function planContinue(language: NotationLanguage, text: string, offset: number): { request: ContinueRequest } | { problem: string } {
  const blocker = completionBlocker(language, text, offset);
  if (blocker) return { problem: `the cursor is ${blockerPhrase(blocker)}; put it after the last notes` };
  return { request: notationOf(language).lengthFor(BARS_OF[language], text, offset) };
}

/** The first suggestion that survives the completion filters, ready to insert at the cursor. */
export function continuationText(text: string, offset: number, suggestions: readonly string[]): string | undefined {
  return postProcess(suggestions, { suffix: text.slice(offset) })[0];
}

function blockerPhrase(blocker: string): string {
  switch (blocker) {
    case 'middle of a line':
      return 'in the middle of a line';
    case 'before START':
    case 'after END':
      return blocker;
    default:
      return `in a ${blocker}`;
  }
}
