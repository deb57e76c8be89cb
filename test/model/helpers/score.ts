import type { LoadedModel } from '../../../src/model';
import { zeroState } from '../../../src/model';
import { logSumExp } from '../../../src/model/decoding/sampling';
import { frameTokens, type Frame } from '../../../src/satb';

/** Log-probability of the frames' tokens after START, one token at a time (a brute-force reference). */
export async function sequenceLogprob(model: LoadedModel, frames: Frame[]): Promise<number> {
  const ids = frames.flatMap(frameTokens).map((t) => model.vocab.id(t)!);
  let state = zeroState(model.stepper.layers, model.stepper.hidden, 1);
  let out = await model.stepper.step([model.vocab.startId], state);
  let total = 0;
  for (const id of ids) {
    total += out.logits[id] - logSumExp(out.logits);
    state = out.state;
    out = await model.stepper.step([id], state);
  }
  return total;
}
