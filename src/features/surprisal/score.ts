/**
 * Per-token surprisal under a model: -log p(token | everything before it), read off the model's one-step
 * graph token by token (a thin layer over the engine's step API; no vscode import).
 */
import { logSumExp } from '../../model/decoding/sampling';
import { eventLoopYielder } from '../../model/event-loop';
import { zeroState, type LanguageModelStep } from '../../model/step';

/** result[i] = -log p(ids[i] | ids[0..i-1]) in nats; result[0] is 0 (the start token is given). */
export async function surprisals(stepper: LanguageModelStep, ids: readonly number[], signal?: AbortSignal): Promise<number[]> {
  const out = ids.length ? [0] : [];
  let state = zeroState(stepper.layers, stepper.hidden, 1);
  const letEventsRun = eventLoopYielder();
  for (let i = 0; i + 1 < ids.length; i++) {
    await letEventsRun();
    if (signal?.aborted) throw abortError();
    const r = await stepper.step([ids[i]], state);
    state = r.state;
    out.push(logSumExp(r.logits) - r.logits[ids[i + 1]]);
  }
  return out;
}

function abortError(): Error {
  const e = new Error('the operation was aborted');
  e.name = 'AbortError';
  return e;
}
