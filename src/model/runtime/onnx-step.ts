import type { LanguageModelStep, LstmState, StepResult } from '../step';
import type { ConcreteProvider, ModelSession } from './session';

export const INPUT_NAMES = ['tokens', 'h', 'c'] as const;
export const OUTPUT_NAMES = ['logits', 'h_out', 'c_out'] as const;

/** One LSTM step through an ONNX session (the models/<name>/model.onnx contract). */
export class OnnxStep implements LanguageModelStep {
  private readonly tokenBuffers = new Map<number, BigInt64Array>();
  private disposed = false;

  constructor(
    private readonly session: ModelSession,
    readonly vocabSize: number,
    readonly layers: number,
    readonly hidden: number,
    readonly provider: ConcreteProvider,
  ) {}

  async step(ids: ArrayLike<number>, state: LstmState): Promise<StepResult> {
    if (this.disposed) throw new Error('the model was disposed');
    const batch = ids.length;
    let tokens = this.tokenBuffers.get(batch);
    if (!tokens) {
      tokens = new BigInt64Array(batch);
      if (this.tokenBuffers.size < 64) this.tokenBuffers.set(batch, tokens);
    }
    for (let i = 0; i < batch; i++) tokens[i] = BigInt(ids[i]);
    const dims = [this.layers, batch, this.hidden];
    const out = await this.session.run({
      tokens: { type: 'int64', data: tokens, dims: [batch] },
      h: { type: 'float32', data: state.h, dims },
      c: { type: 'float32', data: state.c, dims },
    });
    return {
      logits: out.logits,
      state: { batch, layers: this.layers, hidden: this.hidden, h: out.h_out, c: out.c_out },
    };
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.tokenBuffers.clear();
    await this.session.release();
  }
}
