import { maxOf } from '../common/arrays';
import type { LanguageModelStep } from '../model/step';
import { zeroState } from '../model/step';

export interface CrossEntropy {
  /** Mean cross-entropy per predicted token, in nats. */
  nats: number;
  /** Predicted tokens: every token of every piece but the first. */
  tokens: number;
}

/**
 * Mean cross-entropy of a model over pieces, each read from zero state, the first token (the start token) not
 * predicted — the figure train.py reports. Pieces are stepped together in batches of `batch`.
 */
export async function crossEntropy(stepper: LanguageModelStep, pieces: number[][], batch = 64): Promise<CrossEntropy> {
  let total = 0;
  let count = 0;
  const ordered = [...pieces].sort((a, b) => a.length - b.length);
  for (let first = 0; first < ordered.length; first += batch) {
    const group = ordered.slice(first, first + batch);
    const width = maxOf(group.map((p) => p.length));
    let state = zeroState(stepper.layers, stepper.hidden, group.length);
    const ids = new Array<number>(group.length);
    const V = stepper.vocabSize;
    for (let t = 0; t < width - 1; t++) {
      // Finished pieces keep stepping on their last token; their outputs are ignored.
      group.forEach((p, row) => (ids[row] = p[Math.min(t, p.length - 1)]));
      const { logits, state: next } = await stepper.step(ids, state);
      state = next;
      group.forEach((p, row) => {
        if (t + 1 >= p.length) return;
        total += negativeLogProb(logits, row * V, V, p[t + 1]);
        count++;
      });
    }
  }
  return { nats: total / count, tokens: count };
}

/** -log softmax(logits[offset..offset+V])[target], computed in doubles. */
export function negativeLogProb(logits: Float32Array, offset: number, V: number, target: number): number {
  let max = -Infinity;
  for (let i = 0; i < V; i++) max = Math.max(max, logits[offset + i]);
  let sum = 0;
  for (let i = 0; i < V; i++) sum += Math.exp(logits[offset + i] - max);
  return Math.log(sum) + max - logits[offset + target];
}
