import type { ModelSession, TensorFeed } from '../runtime/session';
import type { LstmState } from '../step';
import type { DecoderStepResult, HarmonizerNetwork, MelodyRows } from './network';

export const GRAPH_NAMES = ['encoder', 'decoder', 'tenor', 'bass'] as const;
export type GraphName = (typeof GRAPH_NAMES)[number];

/** The harmonizer's four ONNX sessions (models/harmonizer/README.md gives their inputs and outputs). */
export class OnnxHarmonizerNetwork implements HarmonizerNetwork {
  private disposed = false;

  constructor(
    private readonly sessions: Record<GraphName, ModelSession>,
    readonly vocabSize: number,
    readonly encodingWidth: number,
    readonly layers: number,
    readonly hidden: number,
    readonly outputWidth: number,
  ) {}

  async encode(melody: MelodyRows): Promise<Float32Array> {
    this.check();
    const frames = melody.soprano.length;
    const feeds: Record<string, TensorFeed> = {};
    for (const [name, row] of Object.entries(melody) as [keyof MelodyRows, Int32Array][]) feeds[name] = ids(row, [1, frames]);
    return (await this.sessions.encoder.run(feeds)).encoding;
  }

  async step(encoding: Float32Array, prevAlto: ArrayLike<number>, prevTenor: ArrayLike<number>, prevBass: ArrayLike<number>, state: LstmState): Promise<DecoderStepResult> {
    this.check();
    const batch = prevAlto.length;
    const shape = [this.layers, batch, this.hidden];
    const out = await this.sessions.decoder.run({
      encoding: { type: 'float32', data: encoding, dims: [batch, this.encodingWidth] },
      prev_alto: ids(prevAlto, [batch]),
      prev_tenor: ids(prevTenor, [batch]),
      prev_bass: ids(prevBass, [batch]),
      h: { type: 'float32', data: state.h, dims: shape },
      c: { type: 'float32', data: state.c, dims: shape },
    });
    return {
      altoLogits: out.alto_logits,
      hidden: out.hidden,
      state: { batch, layers: this.layers, hidden: this.hidden, h: out.h_out, c: out.c_out },
    };
  }

  async tenor(hidden: Float32Array, alto: ArrayLike<number>): Promise<Float32Array> {
    this.check();
    const batch = alto.length;
    const out = await this.sessions.tenor.run({ hidden: { type: 'float32', data: hidden, dims: [batch, this.outputWidth] }, alto: ids(alto, [batch]) });
    return out.tenor_logits;
  }

  async bass(hidden: Float32Array, alto: ArrayLike<number>, tenor: ArrayLike<number>): Promise<Float32Array> {
    this.check();
    const batch = alto.length;
    const out = await this.sessions.bass.run({
      hidden: { type: 'float32', data: hidden, dims: [batch, this.outputWidth] },
      alto: ids(alto, [batch]),
      tenor: ids(tenor, [batch]),
    });
    return out.bass_logits;
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await Promise.all(GRAPH_NAMES.map((n) => this.sessions[n].release()));
  }

  private check(): void {
    if (this.disposed) throw new Error('the harmonizer was disposed');
  }
}

function ids(values: ArrayLike<number>, dims: number[]): TensorFeed {
  const data = new BigInt64Array(values.length);
  for (let i = 0; i < values.length; i++) data[i] = BigInt(values[i]);
  return { type: 'int64', data, dims };
}
