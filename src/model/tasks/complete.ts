import { sampleContinuations } from '../decoding/continuations';
import { throwIfAborted } from '../errors';
import { encodePrefix, type LoadedModel } from '../model';
import { abcCompletionContext } from './abc-complete';
import { COMPLETION_OPTION_LIMITS, checkOptionLimits } from './option-limits';
import type { CompletionContext } from './completion-context';
import type { Cursor } from './cursor-text';
import { satbCompletionContext } from './satb-complete';

export interface CompletionOptions {
  /** Distinct suggestions wanted (fewer come back when the model has fewer distinct continuations). */
  n?: number;
  temperature?: number;
  topP?: number;
  seed?: number;
  /** ABC: bars to write after the current one (0: finish the current bar). */
  maxBars?: number;
  /** `.satb`: frames to write, the current unfinished frame counted. */
  maxFrames?: number;
  /** Tokens of the document the model reads before the cursor (see context-window.ts); Infinity: all of it. */
  contextTokens?: number;
}

export interface Suggestion {
  /** Text to insert at the cursor. */
  text: string;
  /** Natural log of the model's probability of the inserted tokens. */
  logprob: number;
}

/** Suggestions to insert at `cursor` (an offset, or 0-based line and column), best first; [] where nothing should be completed. */
export async function complete(
  model: LoadedModel,
  text: string,
  cursor: Cursor,
  options: CompletionOptions = {},
  signal?: AbortSignal,
): Promise<Suggestion[]> {
  throwIfAborted(signal);
  checkOptionLimits(options, COMPLETION_OPTION_LIMITS);
  const context =
    model.type === 'satb'
      ? satbCompletionContext(model, text, cursor, options.maxFrames, options.contextTokens)
      : abcCompletionContext(model, text, cursor, options.maxBars, options.contextTokens);
  if (!context) return [];
  return completeContext(model, context as CompletionContext<unknown>, options, signal);
}

export async function completeContext<S>(
  model: LoadedModel,
  context: CompletionContext<S>,
  options: CompletionOptions,
  signal?: AbortSignal,
): Promise<Suggestion[]> {
  checkOptionLimits(options, COMPLETION_OPTION_LIMITS);
  const n = options.n ?? 3;
  const prefix = await encodePrefix(model, context.ids, context.isCheckpoint, signal);
  const { vocab } = model;
  const partial = context.partial;
  const firstTokenFilter = partial ? (id: number) => vocab.token(id).startsWith(partial) && vocab.token(id) !== partial : undefined;
  const byText = new Map<string, Suggestion>();
  for (let round = 0; round < 2 && byText.size < n; round++) {
    const found = await sampleContinuations(
      model,
      prefix,
      {
        grammar: context.grammar,
        start: context.state,
        rows: n + 2,
        sampling: { temperature: options.temperature ?? 0.9, topP: options.topP ?? 0.95 },
        seed: (options.seed ?? 1) + round * 1000003,
        greedyFirstRow: round === 0,
        maxTokens: context.maxTokens,
        firstTokenFilter,
      },
      signal,
    );
    for (const c of found) {
      if (!c.finished || c.ids.length === 0) continue;
      const text = context.render(c.ids.map((id) => vocab.token(id)));
      if (!byText.has(text)) byText.set(text, { text, logprob: c.logprob });
    }
  }
  throwIfAborted(signal);
  return [...byText.values()].sort((a, b) => b.logprob - a.logprob).slice(0, n);
}
