import type { LstmState } from '../step';

/** The melody as the harmonizer's encoder reads it: one id per frame in each row. */
export interface MelodyRows {
  soprano: Int32Array;
  fermata: Int32Array;
  position: Int32Array;
  bar: Int32Array;
  chord: Int32Array;
  minor: Int32Array;
}

export interface DecoderStepResult {
  /** [batch, vocab], unnormalized. */
  altoLogits: Float32Array;
  /** [batch, outputWidth]: what the tenor and bass layers read. */
  hidden: Float32Array;
  state: LstmState;
}

/**
 * The harmonizer's graphs: the encoder reads the whole melody once; the decoder steps one frame for a batch of beams;
 * the tenor and bass layers read the decoder's output and the voices chosen above. Implemented over ONNX sessions
 * and by test fakes.
 */
export interface HarmonizerNetwork {
  readonly vocabSize: number;
  readonly encodingWidth: number;
  readonly layers: number;
  readonly hidden: number;
  /** Width of the decoder's output row that the tenor and bass layers read. */
  readonly outputWidth: number;
  /** [frames, encodingWidth]. */
  encode(melody: MelodyRows): Promise<Float32Array>;
  /** Row b reads encoding row b and the previous frame's voices prev*[b]. */
  step(encoding: Float32Array, prevAlto: ArrayLike<number>, prevTenor: ArrayLike<number>, prevBass: ArrayLike<number>, state: LstmState): Promise<DecoderStepResult>;
  tenor(hidden: Float32Array, alto: ArrayLike<number>): Promise<Float32Array>;
  bass(hidden: Float32Array, alto: ArrayLike<number>, tenor: ArrayLike<number>): Promise<Float32Array>;
  dispose(): Promise<void>;
}
