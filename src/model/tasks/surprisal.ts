/**
 * Surprisal: -log p(token | everything before it) in nats, read off the model's one-step graph. The one owner of
 * that figure: Show Surprisal draws it on the text, and the validation cross-entropy (src/eval) is its mean.
 */
import { maxOf } from '../../common/arrays';
import type { NotationLanguage } from '../../notation/types';
import { logSumExp } from '../decoding/sampling';
import { throwIfAborted } from '../errors';
import { eventLoopYielder } from '../event-loop';
import type { LoadedModel } from '../model';
import { zeroState, type LanguageModelStep } from '../step';
import { scoringTarget, spanSurprisals, type SpanSurprisal } from './surprisal-targets';

/** -log softmax(logits[offset..offset+V])[target], computed in doubles. */
export function negativeLogProb(logits: Float32Array, offset: number, V: number, target: number): number {
  return logSumExp(logits.subarray(offset, offset + V)) - logits[offset + target];
}

/**
 * result[p][i] = -log p(pieces[p][i] | pieces[p][0..i-1]) in nats; result[p][0] is 0 (the start token is given).
 * Each piece is read from zero state; pieces of like length are stepped together, `batch` at a time. Timers get
 * a turn between steps, so that an abort acts there.
 */
export async function pieceSurprisals(
  stepper: LanguageModelStep,
  pieces: readonly (readonly number[])[],
  options: { batch?: number; signal?: AbortSignal } = {},
): Promise<number[][]> {
  const { batch = 64, signal } = options;
  throwIfAborted(signal);
  const out = pieces.map((p) => (p.length ? [0] : []));
  const order = pieces.map((_, i) => i).sort((a, b) => pieces[a].length - pieces[b].length);
  const letEventsRun = eventLoopYielder();
  const V = stepper.vocabSize;
  for (let first = 0; first < order.length; first += batch) {
    const group = order.slice(first, first + batch);
    const width = maxOf(group.map((p) => pieces[p].length));
    let state = zeroState(stepper.layers, stepper.hidden, group.length);
    const ids = new Array<number>(group.length);
    for (let t = 0; t + 1 < width; t++) {
      await letEventsRun();
      throwIfAborted(signal);
      // Finished pieces keep stepping on their last token; their outputs are ignored.
      group.forEach((p, row) => (ids[row] = pieces[p][Math.min(t, pieces[p].length - 1)]));
      const { logits, state: next } = await stepper.step(ids, state);
      state = next;
      group.forEach((p, row) => {
        if (t + 1 < pieces[p].length) out[p].push(negativeLogProb(logits, row * V, V, pieces[p][t + 1]));
      });
    }
  }
  return out;
}

/** The surprisal of each token of one piece (see pieceSurprisals). */
export async function surprisals(stepper: LanguageModelStep, ids: readonly number[], signal?: AbortSignal): Promise<number[]> {
  const [scores] = await pieceSurprisals(stepper, [ids], { signal });
  return scores;
}

export interface ScoredText {
  /** The notes, rests and chords (ABC) or voices (.satb) with their surprisal. */
  spans: SpanSurprisal[];
  /** Where and why scoring stopped before the end of the text, if it did. */
  stoppedAt?: { offset: number; reason: string };
}

/** Show Surprisal: how expected each note of the document is under the model. */
export async function scoreText(model: LoadedModel, language: NotationLanguage, text: string, signal?: AbortSignal): Promise<ScoredText> {
  const target = scoringTarget(language, text, model.vocab);
  const scores = await pieceSurprisals(model.stepper, target.pieces.map((p) => p.ids), { signal });
  return { spans: spanSurprisals(target, scores), stoppedAt: target.stoppedAt };
}
