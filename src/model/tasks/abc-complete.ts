import { abcBarState, classifyAbcToken, parseAbc, tuneModelTokens, type AbcTune } from '../../abc';
import { AbcGrammar, writtenAccidentals, type AbcGrammarState } from '../decoding/abc-grammar';
import type { LoadedModel } from '../model';
import { contextWindow } from '../context-window';
import type { CompletionContext } from './completion-context';
import { completionBlocker } from './completion-position';
import { cursorText, isSpace, type Cursor } from './cursor-text';

/** Bars after the current one that a completion writes by default (0: the rest of the current bar). */
export const DEFAULT_ABC_BARS = 0;

const grammarCache = new WeakMap<LoadedModel, Map<string, AbcGrammar>>();

/** One grammar per model and set of chromatic notes (building one classifies the whole vocabulary). */
function grammarFor(model: LoadedModel, chromatics: Set<string>): AbcGrammar {
  let byModel = grammarCache.get(model);
  if (!byModel) grammarCache.set(model, (byModel = new Map()));
  const key = [...chromatics].sort().join(',');
  let g = byModel.get(key);
  if (!g) {
    if (byModel.size > 32) byModel.clear();
    byModel.set(key, (g = new AbcGrammar(model.vocab, chromatics)));
  }
  return g;
}

/** `letter:accidental` of every accidental written on a note or chord in the tune's tokens. */
function tuneAccidentals(tokens: string[]): Set<string> {
  const out = new Set<string>();
  for (const t of tokens) {
    const kind = classifyAbcToken(t).kind;
    if (kind === 'note' || kind === 'chord') for (const a of writtenAccidentals(t)) out.add(`${a.letter}:${a.value}`);
  }
  return out;
}

/** What an ABC completion continues: the tune's model tokens before the cursor and its bar state. */
export function abcCompletionContext(
  model: LoadedModel,
  text: string,
  cursor: Cursor,
  maxBars = DEFAULT_ABC_BARS,
  contextTokens?: number,
): CompletionContext<AbcGrammarState> | undefined {
  const at = cursorText(text, cursor);
  if (completionBlocker('abc', text, at.offset, { finishToken: true })) return undefined;
  // Only the tune holding the cursor is read (a file of hundreds of tunes costs no more than one).
  const tuneStart = Math.max(0, text.lastIndexOf('\nX:', at.offset - 1) + 1);
  const prefixText = text.slice(tuneStart, at.offset);
  const tune = lastTune(prefixText);
  if (!tune || prefixText.length < tune.bodyStart) return undefined;
  let tokens = tuneModelTokens(tune, prefixText).slice(0, -1);
  const { vocab } = model;
  // A token being typed (a `^` or a `"G` with no end yet, a note the model never saw) is completed by the first token.
  let partial = '';
  const last = tokens[tokens.length - 1];
  if (tokens.length > 4 && last !== undefined && !vocab.has(last) && !isSpace(last.slice(-1))) {
    if (!vocab.tokens.some((t) => t.startsWith(last) && t !== last)) return undefined;
    partial = last;
    tokens = tokens.slice(0, -1);
  }
  const bar = abcBarState(tokens);
  const chromatics = tuneAccidentals(tokens);
  const grammar = grammarFor(model, chromatics);
  const left = bar.barLength.sub(bar.barDurationSoFar);
  const barFull = bar.barLength.num > 0 && left.num === 0 && bar.barDurationSoFar.num > 0;
  const state = grammar.start(bar, tokens[tokens.length - 1], 1 + maxBars + (barFull ? 1 : 0));
  if (left.num > 0 && !grammar.canFill(left) && !bar.tupletRemaining) return undefined;
  // A bar already past its length (a body without bar lines, diagnosed as such): nothing valid can be written.
  if (grammar.allowed(state).length === 0) return undefined;
  // Tokens the model never saw are left out of its input; the bar state above still counts them.
  const ids = tokens.map((t) => vocab.id(t)).filter((id): id is number => id !== undefined);
  const barIds = grammar.barLineIds();
  const perBar = Math.max(16, bar.barLength.num > 0 ? Math.ceil(bar.barLength.toNumber() * 8) : 32);
  return {
    ids: contextWindow(ids, tokens.slice(0, 4).filter((t) => vocab.has(t)).length, (id) => barIds.has(id), contextTokens),
    grammar,
    state,
    partial,
    isCheckpoint: (id) => barIds.has(id),
    maxTokens: perBar * (state.stopAfterBars + 1),
    render: (out) => out.join('').slice(partial.length),
  };
}

function lastTune(prefixText: string): AbcTune | undefined {
  const parsed = parseAbc(prefixText);
  return parsed.tunes[parsed.tunes.length - 1];
}

