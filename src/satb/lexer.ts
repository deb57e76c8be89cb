/** Splits `.satb` text into lexemes with offsets: `%` comments run to the end of the line, other lexemes are
 * whitespace-separated, except that a short parenthesized group such as `(60, False)` may contain spaces. */
export interface Lexeme {
  kind: 'comment' | 'word';
  /** The source text, verbatim. */
  text: string;
  start: number;
  end: number;
}

const LF = 10;
const CR = 13;
const PERCENT = 37;
const OPEN = 40;
const CLOSE = 41;

function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 128) return false;
  return /\s/.test(String.fromCharCode(c));
}

/** Characters allowed inside a group: digits, letters, comma, sign, '.', '?', space and tab. */
function isGroupChar(c: number): boolean {
  return (
    (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ||
    c === 44 || c === 43 || c === 45 || c === 46 || c === 63 || c === 32 || c === 9
  );
}

export function lexSatb(text: string): Lexeme[] {
  const out: Lexeme[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    let end: number;
    if (c === PERCENT) {
      end = i;
      while (end < n && text.charCodeAt(end) !== LF && text.charCodeAt(end) !== CR) end++;
      out.push({ kind: 'comment', text: text.slice(i, end), start: i, end });
      i = end;
      continue;
    }
    end = (c === OPEN ? groupEnd(text, i) : undefined) ?? wordEnd(text, i);
    out.push({ kind: 'word', text: text.slice(i, end), start: i, end });
    i = end;
  }
  return out;
}

function wordEnd(text: string, start: number): number {
  let j = start;
  while (j < text.length && !isSpace(text.charCodeAt(j))) j++;
  return j;
}

/** End (exclusive) of a short `( ... )` group on one line, or undefined if the `)` does not come soon. */
function groupEnd(text: string, start: number): number | undefined {
  const limit = Math.min(text.length, start + 24);
  for (let j = start + 1; j < limit; j++) {
    const c = text.charCodeAt(j);
    if (c === CLOSE) return j + 1;
    if (!isGroupChar(c)) return undefined;
  }
  return undefined;
}
