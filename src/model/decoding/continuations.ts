import { throwIfAborted } from '../errors';
import type { LoadedModel } from '../model';
import type { CachedPrefix } from '../runtime/prefix-cache';
import { logitsRow, selectRows, type LstmState } from '../step';
import type { Grammar } from './grammar';
import { Prng } from './prng';
import { logSumExp, sampleAllowed, type SamplingOptions } from './sampling';

export interface Continuation {
  ids: number[];
  /** Natural log of the model's probability of these tokens after the prefix. */
  logprob: number;
  /** The grammar reached its stop condition (false: cut at maxTokens). */
  finished: boolean;
}

export interface ContinuationRequest<S> {
  grammar: Grammar<S>;
  start: S;
  rows: number;
  sampling: SamplingOptions;
  seed: number;
  /** Row 0 takes the most likely token at each step (the first suggestion is the model's best guess). */
  greedyFirstRow: boolean;
  maxTokens: number;
  /** Only tokens passing this filter may come first (completing a token the user has begun typing). */
  firstTokenFilter?: (id: number) => boolean;
}

interface Row<S> {
  ids: number[];
  logprob: number;
  grammar: S;
  rng: Prng;
  greedy: boolean;
}

/** Samples `rows` continuations of an encoded prefix in one batch, each obeying the grammar. */
export async function sampleContinuations<S>(
  model: LoadedModel,
  prefix: CachedPrefix,
  req: ContinuationRequest<S>,
  signal?: AbortSignal,
): Promise<Continuation[]> {
  const { stepper } = model;
  const vocabSize = stepper.vocabSize;
  const done: Continuation[] = [];
  let active: Row<S>[] = Array.from({ length: req.rows }, (_, i) => ({
    ids: [],
    logprob: 0,
    grammar: req.start,
    rng: new Prng(req.seed * 7919 + i * 104729 + 1),
    greedy: req.greedyFirstRow && i === 0,
  }));
  let state: LstmState = selectRows({ batch: 1, layers: stepper.layers, hidden: stepper.hidden, h: prefix.h, c: prefix.c }, new Array<number>(req.rows).fill(0));
  let logits: Float32Array = new Float32Array(req.rows * vocabSize);
  for (let r = 0; r < req.rows; r++) logits.set(prefix.logits, r * vocabSize);

  for (let t = 0; active.length > 0; t++) {
    throwIfAborted(signal);
    const chosen: number[] = [];
    const keep: number[] = [];
    active.forEach((row, r) => {
      let allowed = req.grammar.allowed(row.grammar);
      if (t === 0 && req.firstTokenFilter) allowed = allowed.filter(req.firstTokenFilter);
      if (allowed.length === 0) return done.push({ ids: row.ids, logprob: row.logprob, finished: false });
      const scores = logitsRow(logits, vocabSize, r);
      const id = sampleAllowed(scores, allowed, row.greedy ? { temperature: 0, topP: 1 } : req.sampling, row.rng);
      row.ids.push(id);
      row.logprob += scores[id] - logSumExp(scores);
      row.grammar = req.grammar.advance(row.grammar, id);
      if (req.grammar.isDone(row.grammar) || row.ids.length >= req.maxTokens) {
        done.push({ ids: row.ids, logprob: row.logprob, finished: req.grammar.isDone(row.grammar) });
        return;
      }
      keep.push(r);
      chosen.push(id);
    });
    if (keep.length === 0) break;
    if (keep.length < active.length) {
      state = selectRows(state, keep);
      active = keep.map((r) => active[r]);
    }
    const out = await stepper.step(chosen, state);
    state = out.state;
    logits = out.logits;
  }
  return done;
}
