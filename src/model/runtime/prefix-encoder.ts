import { PREFIX_INPUTS, PREFIX_OUTPUTS, buildPrefixModel } from './scan-model';
import type { ModelSession, SessionBackend } from './session';

/** Reads a run of tokens for one sequence in one call: the state after it and the logits after its last token. */
export interface PrefixEncoder {
  /** Where the graph came from: the model's own prefix.onnx, or the step graph wrapped in a Scan. */
  readonly kind: 'prefix.onnx' | 'scan';
  encode(ids: ArrayLike<number>, h: Float32Array, c: Float32Array): Promise<{ h: Float32Array; c: Float32Array; logits: Float32Array }>;
  dispose(): Promise<void>;
}

interface Layout {
  kind: PrefixEncoder['kind'];
  names: { tokens: string; h: string; c: string; hOut: string; cOut: string; logits: string };
  /** Token tensor layout: [T, B] for the Scan, [B, T] for train/'s PrefixGraph. */
  timeMajor: boolean;
}

const SCAN: Layout = {
  kind: 'scan',
  names: { tokens: PREFIX_INPUTS.tokens, h: PREFIX_INPUTS.h, c: PREFIX_INPUTS.c, hOut: PREFIX_OUTPUTS.h, cOut: PREFIX_OUTPUTS.c, logits: PREFIX_OUTPUTS.logits },
  timeMajor: true,
};
const TRAINED: Layout = {
  kind: 'prefix.onnx',
  names: { tokens: 'tokens', h: 'h', c: 'c', hOut: 'h_out', cOut: 'c_out', logits: 'logits' },
  timeMajor: false,
};

/**
 * A prefix graph on the CPU (native, or WebAssembly when that is the engine's backend): the model's prefix.onnx
 * when it has one that works, else the step graph in a Scan.
 */
export async function openPrefixEncoder(
  backend: SessionBackend,
  stepModel: Uint8Array,
  /** The folder's prefix.onnx, when it has one. */
  prefixModel: Uint8Array | undefined,
  dims: { layers: number; hidden: number; vocab: number },
): Promise<PrefixEncoder | undefined> {
  if (prefixModel) {
    const trained = await OnnxPrefixEncoder.open(backend, prefixModel, TRAINED, dims);
    if (trained) return trained;
  }
  try {
    return await OnnxPrefixEncoder.open(backend, buildPrefixModel(stepModel, dims.layers, dims.hidden, dims.vocab), SCAN, dims);
  } catch {
    return undefined; // the engine then reads prefixes one step at a time
  }
}

class OnnxPrefixEncoder implements PrefixEncoder {
  private constructor(
    private readonly session: ModelSession,
    private readonly layout: Layout,
    private readonly dims: { layers: number; hidden: number; vocab: number },
  ) {}

  get kind(): PrefixEncoder['kind'] {
    return this.layout.kind;
  }

  /** Opens the graph and checks it on a short sequence; undefined when it does not fit the layout. */
  static async open(
    backend: SessionBackend,
    model: Uint8Array,
    layout: Layout,
    dims: { layers: number; hidden: number; vocab: number },
  ): Promise<OnnxPrefixEncoder | undefined> {
    let session: ModelSession;
    try {
      session = await backend.open(model, backend.name === 'wasm' ? 'wasm' : 'cpu');
    } catch {
      return undefined;
    }
    const encoder = new OnnxPrefixEncoder(session, layout, dims);
    try {
      const zero = new Float32Array(dims.layers * dims.hidden);
      const out = await encoder.encode([0, 1], zero, zero);
      if (out.logits.length === dims.vocab && out.h.length === zero.length) return encoder;
    } catch {
      // falls through: not usable
    }
    await session.release();
    return undefined;
  }

  async encode(ids: ArrayLike<number>, h: Float32Array, c: Float32Array) {
    const T = ids.length;
    const { names, timeMajor } = this.layout;
    const tokens = new BigInt64Array(T);
    for (let i = 0; i < T; i++) tokens[i] = BigInt(ids[i]);
    const dims = [this.dims.layers, 1, this.dims.hidden];
    const out = await this.session.run({
      [names.tokens]: { type: 'int64', data: tokens, dims: timeMajor ? [T, 1] : [1, T] },
      [names.h]: { type: 'float32', data: h, dims },
      [names.c]: { type: 'float32', data: c, dims },
    });
    const all = out[names.logits];
    return { h: out[names.hOut], c: out[names.cOut], logits: all.slice(all.length - this.dims.vocab) };
  }

  async dispose(): Promise<void> {
    await this.session.release();
  }
}
