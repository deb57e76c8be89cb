/**
 * An ONNX graph opened for inference, whichever onnxruntime runs it: the native one (onnxruntime-node, with its
 * CPU and GPU execution providers) or the WebAssembly one (onnxruntime-web's wasm backend, no native code).
 * The engine's steppers and encoders speak only to this interface; a model may open several graphs through one
 * backend (a step graph, a prefix graph, an encoder).
 */

/** Where a graph runs, under the names the engine, its settings and the CLI use. */
export type GpuProvider = 'webgpu' | 'cuda' | 'dml';
export type ConcreteProvider = 'cpu' | 'wasm' | GpuProvider;

export interface TensorFeed {
  type: 'int64' | 'float32';
  data: BigInt64Array | Float32Array;
  dims: readonly number[];
}

export interface ModelSession {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  /** Runs the graph; every output comes back as float32 data in JavaScript memory. */
  run(feeds: Record<string, TensorFeed>): Promise<Record<string, Float32Array>>;
  release(): Promise<void>;
}

export interface SessionBackend {
  /** 'native' (onnxruntime-node) or 'wasm' (onnxruntime-web). */
  readonly name: 'native' | 'wasm';
  /**
   * Opens a graph from its bytes (read by model-file.ts, which keeps to regular files inside the model folder);
   * throws onnxruntime's own error when it cannot.
   */
  open(model: Uint8Array, provider: ConcreteProvider): Promise<ModelSession>;
}

/** The native onnxruntime binary is not in this package or will not load on this computer. */
export class NativeEngineUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NativeEngineUnavailable';
  }
}
