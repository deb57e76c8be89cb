import type * as Ort from 'onnxruntime-node';
import { NativeEngineUnavailable, type ConcreteProvider, type ModelSession, type SessionBackend } from './session';
import { OrtSession } from './ort-session';

let ort: typeof Ort | undefined;
let loadFailure: NativeEngineUnavailable | undefined;

/**
 * onnxruntime-node, required on first use: the universal package does not carry it, and on a computer its
 * binary does not fit, requiring it throws; either way the engine can still run on WebAssembly.
 */
function nativeRuntime(): typeof Ort {
  if (ort) return ort;
  if (loadFailure) throw loadFailure;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    ort = require('onnxruntime-node') as typeof Ort;
  } catch (err) {
    const text = err instanceof Error ? err.message.split('\n')[0] : String(err);
    loadFailure = new NativeEngineUnavailable(
      /Cannot find module 'onnxruntime-node'/.test(text)
        ? 'this package carries no native onnxruntime'
        : `the native onnxruntime for ${process.platform}-${process.arch} did not load: ${text}`,
    );
    throw loadFailure;
  }
  // ORT prints every failed provider probe to stderr; the engine reports fallbacks itself.
  ort.env.logLevel = 'fatal';
  return ort;
}

export const nativeBackend: SessionBackend = {
  name: 'native',
  async open(model: Uint8Array, provider: ConcreteProvider): Promise<ModelSession> {
    if (provider === 'wasm') throw new Error('the native backend does not run the wasm provider');
    const runtime = nativeRuntime();
    const options: Ort.InferenceSession.SessionOptions = {
      executionProviders: [provider],
      graphOptimizationLevel: 'all',
      // One decode stream is latency-bound: a single intra-op thread is fastest and leaves the editor's cores alone.
      intraOpNumThreads: provider === 'cpu' ? 1 : undefined,
      interOpNumThreads: 1,
      logSeverityLevel: 4,
    };
    const session = await runtime.InferenceSession.create(model, options);
    return new OrtSession(session, (f) => new runtime.Tensor(f.type, f.data, f.dims), true);
  },
};
