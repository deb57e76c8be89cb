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

/** The cursor as the editor has it (a character offset), or as a person gives it (0-based line and column). */
export type Cursor = { offset: number } | { line: number; column: number };

/** Where the cursor stands in the text, for deciding what a completion continues. */
export function cursorText(text: string, cursor: Cursor): CursorText {
  const offset = 'offset' in cursor ? cursor.offset : new LineIndex(text).offsetAt(cursor.line, cursor.column);
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lineBefore = text.slice(lineStart, offset);
  const word = /\S*$/.exec(lineBefore)?.[0] ?? '';
  return { offset, lineBefore, word, after: text.slice(offset, offset + 1) };
}

export function isSpace(ch: string): boolean {
  return ch === '' || /\s/.test(ch);
}
