import { LineIndex } from '../../common/diagnostic';

export interface CursorText {
  offset: number;
  /** The text of the cursor's line before the cursor. */
  lineBefore: string;
  /** Non-space characters just before the cursor (a token being typed, or a finished one). */
  word: string;
  /** The character after the cursor ('' at the end). */
  after: string;
}

/** Where the cursor stands in the text, for deciding what a completion continues. */
export function cursorText(text: string, cursor: { line: number; column: number }): CursorText {
  const index = new LineIndex(text);
  const offset = index.offsetAt(cursor.line, cursor.column);
  const lineStart = index.offsetAt(cursor.line, 0);
  const lineBefore = text.slice(lineStart, offset);
  const word = /\S*$/.exec(lineBefore)?.[0] ?? '';
  return { offset, lineBefore, word, after: text.slice(offset, offset + 1) };
}

export function isSpace(ch: string): boolean {
  return ch === '' || /\s/.test(ch);
}
