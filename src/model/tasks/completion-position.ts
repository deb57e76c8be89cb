/**
 * Whether the cursor stands where a completion makes sense: the one owner of that rule, for the editor's ghost
 * text and the engine's complete(). Returns the reason it does not (for tests and logs), or undefined when
 * completion may go ahead.
 */
import type { NotationLanguage } from '../../notation/types';

export interface PlaceOptions {
  /** A token begun before the cursor (`(7`, `!ferm`) may be finished: the engine's complete() does, for the CLI;
   * ghost text does not, since it would change with every key typed inside the token. */
  finishToken?: boolean;
}

export function completionBlocker(language: NotationLanguage, text: string, offset: number, options: PlaceOptions = {}): string | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lineEndRaw = text.indexOf('\n', offset);
  const lineEnd = lineEndRaw < 0 ? text.length : lineEndRaw;
  const before = text.slice(lineStart, offset);
  const after = text.slice(offset, lineEnd).replace(/\r$/, '');
  if (/(^|[^\\])%/.test(before)) return 'comment';
  if (after.trim() !== '') return 'middle of a line';
  const finishToken = options.finishToken ?? false;
  return language === 'abc' ? abcBlocker(text, lineStart, before, finishToken) : satbBlocker(text, offset, before, finishToken);
}

function abcBlocker(text: string, lineStart: number, before: string, finishToken: boolean): string | undefined {
  // `+:` continues a field line.
  if (/^\s*[A-Za-z+]:/.test(before)) return 'field line';
  const open = openMarks(before);
  if (open.chordSymbol) return 'inside a chord symbol';
  if (!finishToken && open.decoration) return 'inside a decoration';
  // The body of a tune begins after its K: line; before that the header is being written.
  const tuneText = text.slice(tuneStartBefore(text, lineStart), lineStart);
  if (!/^K:/m.test(tuneText)) return 'tune header';
  // A blank line ends a tune: what follows it (up to the next X:) is free text.
  if (/\n[ \t]*\r?\n/.test(tuneText)) return 'free text between tunes';
  return undefined;
}

/**
 * Offset of the `X:` line before `lineStart` that opens the tune around it (0 when there is none), searched backwards
 * from the cursor: a keystroke at the end of a long tunebook reads back to its own tune only.
 */
function tuneStartBefore(text: string, lineStart: number): number {
  for (let at = text.lastIndexOf('X:', lineStart - 2); at > 0; at = text.lastIndexOf('X:', at - 1)) {
    if (LINE_TERMINATOR.test(text[at - 1])) return at;
  }
  return 0;
}

/** What ends a line for a regular expression's `^` (the rule tuneStartBefore keeps). */
const LINE_TERMINATOR = /[\n\r\u2028\u2029]/;

function satbBlocker(text: string, offset: number, before: string, finishToken: boolean): string | undefined {
  const prefix = stripComments(text.slice(0, offset));
  if (!/(^|\s)START(\s|$)/.test(prefix)) return 'before START';
  if (/(^|\s)END(\s|$)/.test(prefix.slice(prefix.lastIndexOf('START')))) return 'after END';
  const word = /\S*$/.exec(before)?.[0] ?? '';
  if (!finishToken && word !== '' && !isCompleteSatbWord(word)) return 'inside a token';
  return undefined;
}

function isCompleteSatbWord(word: string): boolean {
  return /^(START|\|\|\||\(\.\)|\(r\)|\(\?\)|\(\d+,(True|False)\))$/.test(word);
}

function stripComments(text: string): string {
  return text.replace(/%[^\n]*/g, '');
}

/** Whether the line so far ends inside a chord symbol (`"...`), or outside them inside a decoration (`!...`): one
 * pass, since it runs on every keystroke and a music line may be a megabyte long. */
function openMarks(line: string): { chordSymbol: boolean; decoration: boolean } {
  let chordSymbol = false;
  let decoration = false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 0x22) chordSymbol = !chordSymbol;
    else if (c === 0x21 && !chordSymbol) decoration = !decoration;
  }
  return { chordSymbol, decoration };
}
