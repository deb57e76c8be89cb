import { FRAME_END_TOKEN, START_TOKEN, parseSatb } from '../../satb';
import { SatbGrammar, type SatbGrammarState } from '../decoding/satb-grammar';
import type { LoadedModel } from '../model';
import { contextWindow } from '../context-window';
import type { CompletionContext } from './completion-context';
import { completionBlocker } from './completion-position';
import { cursorText, isSpace, type Cursor } from './cursor-text';

export const DEFAULT_SATB_FRAMES = 4;

/** What a `.satb` completion continues: the model tokens before the cursor, and where in a frame it stands. */
export function satbCompletionContext(
  model: LoadedModel,
  text: string,
  cursor: Cursor,
  maxFrames = DEFAULT_SATB_FRAMES,
  contextTokens?: number,
): CompletionContext<SatbGrammarState> | undefined {
  const at = cursorText(text, cursor);
  if (completionBlocker('satb', text, at.offset, { finishToken: true })) return undefined;
  const { vocab } = model;
  // A finished token before the cursor is read as is; an unfinished one is completed by the first token.
  const wordIsToken = at.word === '' || parseSatb(`START ${at.word}`).tokens.every((t) => vocab.has(t.text));
  const partial = wordIsToken ? '' : at.word;
  const parsed = parseSatb(text.slice(0, at.offset - partial.length));
  const tokens = parsed.tokens;
  const startIndex = tokens.map((t) => t.kind).lastIndexOf('start');
  if (startIndex < 0 || tokens.slice(startIndex).some((t) => t.kind === 'end' || t.kind === 'unknown')) return undefined;
  const grammar = new SatbGrammar(vocab, { allowEnd: false });
  let state = grammar.initial();
  const ids = [vocab.startId];
  for (let i = startIndex + 1; i < tokens.length; i++) {
    const id = vocab.id(tokens[i].text);
    if (id === undefined) return undefined; // a slot or a pitch the model never saw: nothing sensible to continue
    ids.push(id);
    state = grammar.advance(state, id);
    // A frame with a fifth voice (the diagnostics say "is a ||| missing?"): no completion can make it valid.
    if (state.overfull) return undefined;
  }
  state = grammar.withFrameBudget(state, maxFrames);
  const frameEnd = grammar.frameEnd;
  const lastText = tokens.length ? tokens[tokens.length - 1].text : '';
  return {
    ids: contextWindow(ids, 1, (id) => id === frameEnd, contextTokens),
    grammar,
    state,
    partial,
    isCheckpoint: (id) => id === frameEnd,
    maxTokens: maxFrames * 6 + 6,
    render(out: string[]) {
      let s = '';
      out.forEach((tok, i) => {
        if (i > 0) s += out[i - 1] === FRAME_END_TOKEN ? '\n' : ' ';
        s += tok;
      });
      if (partial) s = s.slice(partial.length);
      else if (!isSpace(at.word.slice(-1))) s = (lastText === FRAME_END_TOKEN || lastText === START_TOKEN ? '\n' : ' ') + s;
      // One frame per line: a finished frame ends its line unless a line break follows already.
      if (out[out.length - 1] === FRAME_END_TOKEN) s += at.after === '\n' || at.after === '\r' ? '' : '\n';
      else if (!isSpace(at.after)) s += ' ';
      return s;
    },
  };
}
