/** LSTM state of a batch, laid out as the ONNX graph wants it: [layers, batch, hidden] for h and for c. */
export interface LstmState {
  readonly batch: number;
  readonly layers: number;
  readonly hidden: number;
  readonly h: Float32Array;
  readonly c: Float32Array;
}

export interface StepResult {
  /** [batch, vocab], unnormalized. */
  logits: Float32Array;
  state: LstmState;
}

/** One step of a recurrent language model for a batch of rows. Implemented by the ONNX session and by test fakes. */
export interface LanguageModelStep {
  readonly vocabSize: number;
  readonly layers: number;
  readonly hidden: number;
  /** Feeds `ids[b]` to row b of `state`; never mutates `state`. */
  step(ids: ArrayLike<number>, state: LstmState): Promise<StepResult>;
  dispose(): Promise<void>;
}

export function zeroState(layers: number, hidden: number, batch: number): LstmState {
  const n = layers * batch * hidden;
  return { batch, layers, hidden, h: new Float32Array(n), c: new Float32Array(n) };
}

/** A new state whose row i is row `rows[i]` of `state` (beam reordering, replicating one row). */
export function selectRows(state: LstmState, rows: ArrayLike<number>): LstmState {
  const { layers, hidden, batch } = state;
  const out = zeroState(layers, hidden, rows.length);
  for (let l = 0; l < layers; l++) {
    const src = l * batch * hidden;
    const dst = l * rows.length * hidden;
    for (let i = 0; i < rows.length; i++) {
      const from = src + rows[i] * hidden;
      out.h.set(state.h.subarray(from, from + hidden), dst + i * hidden);
      out.c.set(state.c.subarray(from, from + hidden), dst + i * hidden);
    }
  }
  return out;
}

/** Logits row b of a [batch, vocab] output, without copying. */
export function logitsRow(logits: Float32Array, vocab: number, b: number): Float32Array {
  return logits.subarray(b * vocab, (b + 1) * vocab);
}
