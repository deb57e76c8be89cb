// Reading what the editor holds: save, then read the file (the model's text exactly, no screen scraping).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Workbench } from './workbench';

/**
 * Saves the active editor until the file on disk satisfies `accept`; returns that text. Gives up early when
 * VS Code shows an error notification (the feature failed and said so).
 */
export async function saveAndWaitFor(wb: Workbench, file: string, accept: (text: string) => boolean, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let text = readFileSync(file, 'utf8');
  // A read can catch the file half written by a save (empty, or cut short): accept only what reads the same again.
  const settled = async (): Promise<boolean> => {
    if (text.length === 0 || !accept(text)) return false;
    await wb.page.waitForTimeout(200);
    const again = readFileSync(file, 'utf8');
    if (again === text) return true;
    text = again;
    return false;
  };
  while (!(await settled())) {
    const errors = await wb.errorNotifications();
    if (errors.length) throw new Error(`VS Code shows an error instead: ${errors.join(' | ')}`);
    if (Date.now() > deadline) throw new Error(`${file} did not reach the expected content within ${timeoutMs} ms; it holds:\n${text}`);
    await wb.press('Control+S');
    await wb.page.waitForTimeout(300);
    text = readFileSync(file, 'utf8');
  }
  return text;
}

/** One Ctrl+Z in the editor of `fileName` takes `file` from `changed` back to `original` exactly. */
export async function assertOneUndoRestores(wb: Workbench, fileName: string, file: string, changed: string, original: string): Promise<void> {
  await wb.focusEditor(fileName);
  await wb.press('Control+Z');
  const undone = await saveAndWaitFor(wb, file, (text) => text !== changed);
  assert.equal(undone, original, 'one Ctrl+Z did not restore the original text');
}

/** 1-based line and column of an offset, as the status bar counts them. */
export function lineColumnOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

/** 1-based line numbers of the lines of the first tune's body (after its K: line), for selecting a melody. */
export function abcBodyLines(text: string): { first: number; last: number } {
  const lines = text.split('\n');
  const k = lines.findIndex((l) => /^K:/.test(l));
  if (k < 0) throw new Error('no K: line');
  let last = k + 1;
  while (last + 1 < lines.length && lines[last + 1].trim() !== '' && !/^X:/.test(lines[last + 1])) last++;
  return { first: k + 2, last: last + 1 };
}
