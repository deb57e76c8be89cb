import assert from 'node:assert/strict';
import { zeroState, type LoadedModel } from '../../../src/model';

/** The model's prefix encoder, run once over `length` tokens, gives the logits and state of stepping through them. */
export async function assertPrefixEncoderAgrees(model: LoadedModel, length: number): Promise<void> {
  const ids = Array.from({ length }, (_, i) => (i * 13) % model.vocab.size);
  let state = zeroState(model.stepper.layers, model.stepper.hidden, 1);
  let logits: Float32Array = new Float32Array();
  for (const id of ids) ({ state, logits } = await model.stepper.step([id], state));
  const zero = zeroState(model.stepper.layers, model.stepper.hidden, 1);
  const encoded = await model.prefixEncoder!.encode(ids, zero.h, zero.c);
  for (let i = 0; i < logits.length; i++) assert.ok(Math.abs(encoded.logits[i] - logits[i]) < 1e-4);
  for (let i = 0; i < state.h.length; i++) assert.ok(Math.abs(encoded.h[i] - state.h[i]) < 1e-4 && Math.abs(encoded.c[i] - state.c[i]) < 1e-4);
}
