import type * as Ort from 'onnxruntime-web';
import type { ConcreteProvider, ModelSession, SessionBackend, TensorFeed } from './session';

let ort: typeof Ort | undefined;

/** onnxruntime-web in Node: its wasm backend loads ort-wasm-simd-threaded.wasm from its own dist/ folder. */
function wasmRuntime(): typeof Ort {
  if (ort) return ort;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  ort = require('onnxruntime-web') as typeof Ort;
  // One thread: a decode stream is a chain of small matrix-vector products, where worker threads only add
  // hand-offs; it also keeps the editor's other cores free.
  ort.env.wasm.numThreads = 1;
  ort.env.logLevel = 'fatal';
  return ort;
}

class WasmSession implements ModelSession {
  constructor(
    private readonly runtime: typeof Ort,
    private readonly session: Ort.InferenceSession,
  ) {}

  get inputNames(): readonly string[] {
    return this.session.inputNames;
  }
  get outputNames(): readonly string[] {
    return this.session.outputNames;
  }

  async run(feeds: Record<string, TensorFeed>): Promise<Record<string, Float32Array>> {
    const tensors: Record<string, Ort.Tensor> = {};
    for (const [name, f] of Object.entries(feeds)) tensors[name] = new this.runtime.Tensor(f.type, f.data, f.dims);
    const out = await this.session.run(tensors);
    const result: Record<string, Float32Array> = {};
    for (const [name, t] of Object.entries(out)) result[name] = t.data as Float32Array;
    return result;
  }

  release(): Promise<void> {
    return this.session.release();
  }
}

export const wasmBackend: SessionBackend = {
  name: 'wasm',
  async open(model: Uint8Array, provider: ConcreteProvider): Promise<ModelSession> {
    if (provider !== 'wasm') throw new Error(`the WebAssembly backend does not run the ${provider} provider`);
    const runtime = wasmRuntime();
    const session = await runtime.InferenceSession.create(model, {
      executionProviders: ['wasm'],
      graphOptimizationLevel: 'all',
      logSeverityLevel: 4,
    });
    return new WasmSession(runtime, session);
  },
};
