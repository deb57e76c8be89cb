import type * as Ort from 'onnxruntime-web';
import type { ConcreteProvider, ModelSession, SessionBackend } from './session';
import { OrtSession } from './ort-session';

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
    return new OrtSession(session, (f) => new runtime.Tensor(f.type, f.data, f.dims), false);
  },
};
