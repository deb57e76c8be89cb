import * as ort from 'onnxruntime-node';
import type { LstmState } from '../step';
import type { DecoderStepResult, HarmonizerNetwork, MelodyRows } from './network';

export const GRAPH_NAMES = ['encoder', 'decoder', 'tenor', 'bass'] as const;
export type GraphName = (typeof GRAPH_NAMES)[number];

/** The harmonizer's four ONNX sessions (models/harmonizer/README.md gives their inputs and outputs). */
export class OnnxHarmonizerNetwork implements HarmonizerNetwork {
  private disposed = false;

  constructor(
    private readonly sessions: Record<GraphName, ort.InferenceSession>,
    readonly vocabSize: number,
    readonly encodingWidth: number,
    readonly layers: number,
    readonly hidden: number,
    readonly outputWidth: number,
  ) {}

  async encode(melody: MelodyRows): Promise<Float32Array> {
    this.check();
    const frames = melody.soprano.length;
    const feeds: Record<string, ort.Tensor> = {};
    for (const [name, row] of Object.entries(melody) as [keyof MelodyRows, Int32Array][]) feeds[name] = ids(row, [1, frames]);
    const out = await this.sessions.encoder.run(feeds);
    const encoding = out.encoding.data as Float32Array;
    disposeAll(out);
    return encoding;
  }

  async step(encoding: Float32Array, prevAlto: ArrayLike<number>, prevTenor: ArrayLike<number>, prevBass: ArrayLike<number>, state: LstmState): Promise<DecoderStepResult> {
    this.check();
    const batch = prevAlto.length;
    const shape = [this.layers, batch, this.hidden];
    const out = await this.sessions.decoder.run({
      encoding: new ort.Tensor('float32', encoding, [batch, this.encodingWidth]),
      prev_alto: ids(prevAlto, [batch]),
      prev_tenor: ids(prevTenor, [batch]),
      prev_bass: ids(prevBass, [batch]),
      h: new ort.Tensor('float32', state.h, shape),
      c: new ort.Tensor('float32', state.c, shape),
    });
    const result = {
      altoLogits: out.alto_logits.data as Float32Array,
      hidden: out.hidden.data as Float32Array,
      state: { batch, layers: this.layers, hidden: this.hidden, h: out.h_out.data as Float32Array, c: out.c_out.data as Float32Array },
    };
    disposeAll(out);
    return result;
  }

  async tenor(hidden: Float32Array, alto: ArrayLike<number>): Promise<Float32Array> {
    this.check();
    const batch = alto.length;
    const out = await this.sessions.tenor.run({ hidden: new ort.Tensor('float32', hidden, [batch, this.outputWidth]), alto: ids(alto, [batch]) });
    const logits = out.tenor_logits.data as Float32Array;
    disposeAll(out);
    return logits;
  }

  async bass(hidden: Float32Array, alto: ArrayLike<number>, tenor: ArrayLike<number>): Promise<Float32Array> {
    this.check();
    const batch = alto.length;
    const out = await this.sessions.bass.run({
      hidden: new ort.Tensor('float32', hidden, [batch, this.outputWidth]),
      alto: ids(alto, [batch]),
      tenor: ids(tenor, [batch]),
    });
    const logits = out.bass_logits.data as Float32Array;
    disposeAll(out);
    return logits;
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

function ids(values: ArrayLike<number>, dims: number[]): ort.Tensor {
  const data = new BigInt64Array(values.length);
  for (let i = 0; i < values.length; i++) data[i] = BigInt(values[i]);
  return new ort.Tensor('int64', data, dims);
}

function disposeAll(out: Record<string, ort.Tensor>): void {
  for (const t of Object.values(out)) t.dispose();
}
