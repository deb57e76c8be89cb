import { validateConfig, type ModelType } from '../../../src/model/config';
import { LoadedModel } from '../../../src/model/model';
import type { LanguageModelStep, LstmState, StepResult } from '../../../src/model/step';

/**
 * A deterministic stand-in for the LSTM: its "state" is a 24-bit hash of the history (exact in float32) and its
 * logits are pseudo-random numbers drawn from that hash, so decoding can be tested without ONNX.
 */
export class FakeStep implements LanguageModelStep {
  readonly layers = 1;
  readonly hidden = 2;
  steps = 0;
  rowsStepped = 0;

  constructor(
    readonly vocabSize: number,
    private readonly delayMs = 0,
  ) {}

  async step(ids: ArrayLike<number>, state: LstmState): Promise<StepResult> {
    if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
    else await new Promise((r) => setImmediate(r));
    const batch = ids.length;
    if (state.batch !== batch) throw new Error(`batch ${batch} with a state of batch ${state.batch}`);
    this.steps++;
    this.rowsStepped += batch;
    const h = new Float32Array(2 * batch);
    const logits = new Float32Array(batch * this.vocabSize);
    for (let b = 0; b < batch; b++) {
      const hash = (Math.imul((state.h[2 * b] + 1) | 0, 0x9e3779b1) ^ Math.imul(ids[b] + 3, 0x85ebca6b)) >>> 8;
      h[2 * b] = hash;
      h[2 * b + 1] = state.h[2 * b + 1] + 1;
      let s = hash || 1;
      for (let v = 0; v < this.vocabSize; v++) {
        s = (Math.imul(s ^ (s >>> 13), 0x5bd1e995) + v) >>> 0;
        logits[b * this.vocabSize + v] = ((s >>> 8) / 0x1000000) * 6 - 3;
      }
    }
    return { logits, state: { batch, layers: 1, hidden: 2, h, c: new Float32Array(h) } };
  }

  async dispose(): Promise<void> {}
}

export function satbTestVocab(): string[] {
  const tokens = ['START', 'END', '(.)', '(r)', '|||'];
  for (let p = 36; p <= 81; p++) tokens.push(`(${p},False)`, `(${p},True)`);
  return tokens;
}

export function fakeModel(type: ModelType, vocab: string[], delayMs = 0): { model: LoadedModel; step: FakeStep } {
  const specials = type === 'satb' ? { start: 'START', end: 'END' } : { start: '<tune>', end: '</tune>' };
  const config = validateConfig({ type, version: 0, vocab, specials, layers: 1, hidden: 2, embedding: 1 });
  const step = new FakeStep(vocab.length, delayMs);
  return { model: new LoadedModel(config, step, { provider: 'cpu', providerNote: 'fake model for tests' }), step };
}
