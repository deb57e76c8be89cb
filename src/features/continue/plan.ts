/** What "BachBot: Continue" asks of the engine: a few bars (ABC) or a few bars' worth of frames (chorales). */
import { postProcess } from '../completion/filters';
import { completionBlocker } from '../completion/position';
import type { NotationLanguage } from '../languages';
import { barLinesFor, lengthOptions } from '../settings';

export const CONTINUE_BARS = 4;

export interface ContinueRequest {
  maxBars?: number;
  maxFrames?: number;
}

/** The request, or the reason the cursor is not a place to continue from. */
export function planContinue(language: NotationLanguage, text: string, offset: number): { request: ContinueRequest } | { problem: string } {
  const blocker = completionBlocker(language, text, offset);
  if (blocker) return { problem: `the cursor is ${blockerPhrase(blocker)}; put it after the last notes` };
  const meter = /^%\s*meter\s*:\s*(\d+\/\d+)/m.exec(text)?.[1];
  return { request: lengthOptions(language === 'abc' ? CONTINUE_BARS : CONTINUE_BARS / 2, language, meter) };
}

/** The first suggestion that survives the completion filters, ready to insert at the cursor. */
export function continuationText(language: NotationLanguage, text: string, offset: number, suggestions: readonly string[], request: ContinueRequest): string | undefined {
  return postProcess(suggestions, { language, prefix: text.slice(0, offset), suffix: text.slice(offset), maxBars: barLinesFor(request.maxBars), maxFrames: request.maxFrames })[0];
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
