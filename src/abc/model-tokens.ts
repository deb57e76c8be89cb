/**
 * The ABC model's token language (folk-rnn-like).
 *
 * A tune becomes `<tune>`, then exactly three header tokens `M:<meter>`, `L:<unit>`, `K:<key>` (the values in
 * force when the body starts; L: is the standard's default when the header has none), then the body, then `</tune>`.
 * Body tokens are pieces of the source text: one token per note with its accidental, octave marks and length
 * (`^c'2`), rest (`z3/2`), chord (`[CEG]2`), bar line (`|`, `:|`, `|1`), ending (`[2`), chord symbol (`"Am"`),
 * decoration (`!trill!`, `~`), tuplet (`(3`), broken rhythm (`>`), tie (`-`), slur (`(`, `)`), grace brace
 * (`{`, `{/`, `}`), inline field (`[K:D]`), run of spaces (`' '`, `'  '`: beam breaks), `\` continuation, line
 * break `\n`, and body field lines `K:`/`M:`/`L:`/`P:`/`V:` as one token each (the line without its break).
 *
 * "Exact" round trip: `abcTokensToText(tokens)` gives `X:1`, the three header lines, and then the body text of
 * the tune character for character, except that (1) comments are removed (a `%` comment with the spaces before
 * it; a line holding only a comment goes with its line break), (2) body field lines other than K M L P V
 * (lyrics `w:`/`W:`, `T:`, `N:` ...) go with their line break, (3) `\r\n` becomes `\n`. `modelBodyText` applies
 * exactly these rules to a tune's body. Header fields other than M L K (X, T, C, S, ...) are not in the stream.
 */
import { pushAll } from '../common/arrays';
import type { NotationDiagnostic } from '../common/diagnostic';
import { formatKey } from '../music/key';
import { parseAbc } from './parse';
import type { AbcElement, AbcTune } from './types';

export { classifyAbcToken } from './token-classes';
export type { AbcTokenClass, AbcTokenKind } from './token-classes';
export { abcBarState, advanceBarState, initialBarState } from './bar-state';
export type { AbcBarState } from './bar-state';

export const TUNE_START = '<tune>';
export const TUNE_END = '</tune>';
const KEPT_BODY_FIELDS = /^[KMLPV]$/;

export interface AbcModelPiece {
  title?: string;
  tokens: string[];
  diagnostics: NotationDiagnostic[];
}

export interface TokenSpan {
  text: string;
  /** Source offsets of the token (for header tokens: the header field line, or the K: line). */
  start: number;
  end: number;
}

/** The three header tokens of a tune: `M:6/8`, `L:1/8`, `K:G`. */
export function headerTokens(tune: AbcTune): string[] {
  return [`M:${tune.meter.text}`, `L:${tune.unitLength.toString()}`, `K:${tune.keyText || formatKey(tune.key)}`];
}

function elementText(el: AbcElement, text: string): string {
  if (el.kind === 'newline') return '\n';
  return text.slice(el.start, el.end);
}

/** Body tokens of a tune with their source offsets, after the normalization described above. */
export function bodyTokenSpans(tune: AbcTune, text: string): TokenSpan[] {
  const lines: AbcElement[][] = [[]];
  for (const el of tune.elements) {
    if (el.kind === 'newline') lines.push([]);
    else lines[lines.length - 1].push(el);
  }
  const kept: TokenSpan[][] = [];
  for (const line of lines) {
    const first = line[0];
    if (first && first.kind === 'field' && !first.inline && !KEPT_BODY_FIELDS.test(first.name)) continue;
    const commentAt = line.findIndex((e) => e.kind === 'comment');
    let els = line;
    if (commentAt >= 0) {
      let cut = commentAt;
      while (cut > 0 && line[cut - 1].kind === 'space') cut--;
      if (cut === 0) continue; // a line holding only a comment
      els = line.slice(0, cut);
    }
    kept.push(els.map((e) => ({ text: elementText(e, text), start: e.start, end: e.end })));
  }
  const spans: TokenSpan[] = [];
  kept.forEach((line, k) => {
    if (k > 0) {
      const prev = kept[k - 1];
      const at = prev.length ? prev[prev.length - 1].end : line[0]?.start ?? tune.bodyStart;
      spans.push({ text: '\n', start: at, end: at });
    }
    pushAll(spans, line);
  });
  return spans;
}

/** The tune's body as the token stream reproduces it (see the module comment). */
export function modelBodyText(tune: AbcTune, text: string): string {
  return bodyTokenSpans(tune, text).map((s) => s.text).join('');
}

export function tuneModelTokens(tune: AbcTune, text: string): string[] {
  return [TUNE_START, ...headerTokens(tune), ...bodyTokenSpans(tune, text).map((s) => s.text), TUNE_END];
}

/** One entry per tune: `<tune> M: L: K: body... </tune>`, with the tune's own diagnostics. Never throws. */
export function abcModelTokens(text: string): AbcModelPiece[] {
  const parsed = parseAbc(text);
  return parsed.tunes.map((tune) => ({
    title: tune.title,
    tokens: tuneModelTokens(tune, text),
    diagnostics: parsed.diagnostics.filter((d) => d.range.start.offset >= tune.start && d.range.end.offset <= tune.end),
  }));
}

/**
 * Text of a token stream: `X:1`, the header tokens each on its own line, then the body tokens concatenated.
 * `<tune>`/`</tune>` delimit tunes; several tunes are separated by a blank line (numbered X:1, X:2 ...).
 */
export function abcTokensToText(tokens: string[]): string {
  const tunes: string[] = [];
  let i = 0;
  while (i < tokens.length) {
    if (tokens[i] === TUNE_START) i++;
    const header: string[] = [];
    while (i < tokens.length && header.length < 3 && /^[MLK]:/.test(tokens[i]) && !tokens[i].includes('\n')) header.push(tokens[i++]);
    let body = '';
    while (i < tokens.length && tokens[i] !== TUNE_END && tokens[i] !== TUNE_START) body += tokens[i++];
    if (tokens[i] === TUNE_END) i++;
    tunes.push([`X:${tunes.length + 1}`, ...header].join('\n') + '\n' + body);
  }
  return tunes.join('\n\n');
}
