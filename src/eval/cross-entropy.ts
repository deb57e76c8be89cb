import type { LanguageModelStep } from '../model/step';
import { pieceSurprisals } from '../model/tasks/surprisal';

export interface CrossEntropy {
  /** Mean cross-entropy per predicted token, in nats. */
  nats: number;
  /** Predicted tokens: every token of every piece but the first. */
  tokens: number;
}

/**
 * Mean cross-entropy of a model over pieces, each read from zero state, the first token (the start token) not
 * predicted — the figure train.py reports: the mean surprisal of the predicted tokens.
 */
export async function crossEntropy(stepper: LanguageModelStep, pieces: number[][], batch = 64): Promise<CrossEntropy> {
  let total = 0;
  let count = 0;
  for (const scores of await pieceSurprisals(stepper, pieces, { batch })) {
    for (let i = 1; i < scores.length; i++) total += scores[i];
    count += Math.max(0, scores.length - 1);
  }
  return { nats: total / count, tokens: count };
}
