/**
 * Turning the engine's answer (the whole document, rewritten) into the smallest single replacement, so that one
 * undo step restores the text and nothing outside the changed region is touched.
 */
import { notationOf, type NotationLanguage } from '../../notation';

export interface TextReplacement {
  /** Offsets in the old text. */
  start: number;
  end: number;
  text: string;
}

/** The one replacement that turns `before` into `after` (undefined when they are equal). */
export function minimalEdit(before: string, after: string): TextReplacement | undefined {
  if (before === after) return undefined;
  let start = 0;
  const limit = Math.min(before.length, after.length);
  while (start < limit && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  // Never split a surrogate pair.
  if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--;
  let tail = 0;
  while (tail < limit - start && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  if (tail > 0 && isHighSurrogate(before.charCodeAt(before.length - tail - 1))) tail--;
  return { start, end: before.length - tail, text: after.slice(start, after.length - tail) };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

export function applyReplacement(text: string, r: TextReplacement): string {
  return text.slice(0, r.start) + r.text + text.slice(r.end);
}

/** A result computed for one version of the document must not be applied to another. */
export function isStale(versionAtStart: number, versionNow: number): boolean {
  return versionAtStart !== versionNow;
}

/**
 * What the engine is asked to harmonize. An empty selection means: in ABC, the voice under the cursor (the
 * engine gets the cursor as an empty range); in a chorale, every slot of the document.
 */
export function harmonizeTarget(language: NotationLanguage, selection: { start: number; end: number }): { start: number; end: number } | undefined {
  if (selection.start !== selection.end) return { start: Math.min(selection.start, selection.end), end: Math.max(selection.start, selection.end) };
  return notationOf(language).harmonize.withoutSelection === 'cursor' ? { start: selection.start, end: selection.start } : undefined;
}

/** One line for a quick pick: how likely the alternative is and where it first differs. */
export function describeAlternative(before: string, after: string, logprob: number, rank: number): { label: string; detail: string } {
  const edit = minimalEdit(before, after);
  const label = `${rank + 1}. log p = ${logprob.toFixed(2)}${rank === 0 ? ' (best)' : ''}`;
  if (!edit) return { label, detail: 'no change' };
  const line = before.slice(0, edit.start).split('\n').length;
  const firstLine = edit.text.split('\n').find((l) => l.trim() !== '') ?? '';
  return { label, detail: `line ${line}: ${firstLine.trim().slice(0, 80)}` };
}
