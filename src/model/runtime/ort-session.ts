import type { ModelSession, TensorFeed } from './session';

/** What onnxruntime-node and onnxruntime-web have in common: a session of tensors, and a way to make one. */
interface OrtTensor {
  readonly data: unknown;
  dispose(): void;
}

interface OrtInferenceSession<T extends OrtTensor> {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  run(feeds: Record<string, T>): Promise<Record<string, T>>;
  release(): Promise<void>;
}

/**
 * A graph opened by either onnxruntime. `disposeOutputs`: free each output's native memory once its data is read
 * (onnxruntime-node copies the data out; onnxruntime-web's wasm outputs are JavaScript arrays already).
 */
export class OrtSession<T extends OrtTensor> implements ModelSession {
  constructor(
    private readonly session: OrtInferenceSession<T>,
    private readonly tensor: (feed: TensorFeed) => T,
    private readonly disposeOutputs: boolean,
  ) {}

  get inputNames(): readonly string[] {
    return this.session.inputNames;
  }
  get outputNames(): readonly string[] {
    return this.session.outputNames;
  }

  async run(feeds: Record<string, TensorFeed>): Promise<Record<string, Float32Array>> {
    const tensors: Record<string, T> = {};
    for (const [name, f] of Object.entries(feeds)) tensors[name] = this.tensor(f);
    const out = await this.session.run(tensors);
    const result: Record<string, Float32Array> = {};
    for (const [name, t] of Object.entries(out)) {
      result[name] = t.data as Float32Array;
      if (this.disposeOutputs) t.dispose();
    }
    return result;
  }

  release(): Promise<void> {
    return this.session.release();
  }
}
