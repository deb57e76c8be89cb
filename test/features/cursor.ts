/** Fixture text marks the cursor with a visible character. */
export const CURSOR = '┃';

export function atCursor(fixture: string): { text: string; offset: number; line: number; column: number } {
  const offset = fixture.indexOf(CURSOR);
  if (offset < 0 || fixture.indexOf(CURSOR, offset + 1) >= 0) throw new Error('fixture needs exactly one cursor mark ┃');
  const text = fixture.slice(0, offset) + fixture.slice(offset + CURSOR.length);
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  const column = offset - (before.lastIndexOf('\n') + 1);
  return { text, offset, line, column };
}
