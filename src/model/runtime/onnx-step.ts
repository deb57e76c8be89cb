import * as ort from 'onnxruntime-node';
import type { LanguageModelStep, LstmState, StepResult } from '../step';

export const INPUT_NAMES = ['tokens', 'h', 'c'] as const;
export const OUTPUT_NAMES = ['logits', 'h_out', 'c_out'] as const;

/** ONNX Runtime's providers under the names the engine and its settings use. */
export type GpuProvider = 'webgpu' | 'cuda' | 'dml';
export type ConcreteProvider = 'cpu' | GpuProvider;

let logLevelSet = false;

/** Opens an inference session on one execution provider; throws ORT's own error when it cannot. */
export async function openSession(modelPath: string, provider: ConcreteProvider): Promise<ort.InferenceSession> {
  if (!logLevelSet) {
    // ORT prints every failed provider probe to stderr; the engine reports fallbacks itself.
    ort.env.logLevel = 'fatal';
    logLevelSet = true;
  }
  return ort.InferenceSession.create(modelPath, {
    executionProviders: [provider],
    graphOptimizationLevel: 'all',
    // One decode stream is latency-bound: a single intra-op thread is fastest and leaves the editor's cores alone.
    intraOpNumThreads: provider === 'cpu' ? 1 : undefined,
    interOpNumThreads: 1,
    logSeverityLevel: 4,
  });
}

/** One LSTM step through an ONNX session (the models/<name>/model.onnx contract). */
export class OnnxStep implements LanguageModelStep {
  private readonly tokenBuffers = new Map<number, BigInt64Array>();
  private disposed = false;

  constructor(
    private readonly session: ort.InferenceSession,
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
    const shape = [this.layers, batch, this.hidden];
    const out = await this.session.run({
      tokens: new ort.Tensor('int64', tokens, [batch]),
      h: new ort.Tensor('float32', state.h, shape),
      c: new ort.Tensor('float32', state.c, shape),
    });
    const result = {
      logits: out.logits.data as Float32Array,
      state: { batch, layers: this.layers, hidden: this.hidden, h: out.h_out.data as Float32Array, c: out.c_out.data as Float32Array },
    };
    for (const t of Object.values(out)) t.dispose();
    return result;
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.tokenBuffers.clear();
    await this.session.release();
  }
}
