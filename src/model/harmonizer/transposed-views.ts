/**
 * The harmonizer heard at several transpositions at once. It was trained on chorales moved by up to two semitones,
 * so the same melody a semitone up or down is as familiar to it as in C; each view reads the melody (and the voices
 * already chosen) moved by its shift, and the views' log-probabilities, moved back, are averaged: an ensemble of
 * one set of weights, which agrees with Bach more often than any one view (`npm run eval` prints both).
 */
import { chordLabelFromId, chordLabelId, transposeChordLabel } from '../../music/chord-label';
import { parseVoiceToken, voiceToken, type Frame } from '../../satb';
import { logSumExp } from '../decoding/sampling';
import type { LstmState } from '../step';
import type { DecoderStepResult, HarmonizerNetwork, MelodyRows } from './network';

/** The shifts a chorale is harmonized at (semitones): the melody as written and a semitone either side. */
export const CHORALE_VIEWS: readonly number[] = [-1, 0, 1];

/**
 * A network of the same shape whose rows are the views side by side: an encoding row, a state row and an output row
 * hold every view's, so that the search reorders beams as it does for one. Its logits are the views' mean
 * log-probabilities over the unshifted vocabulary.
 */
export class TransposedViews implements HarmonizerNetwork {
  /** Per view: the id of each token moved by the view's shift (-1 where the vocabulary has no such token). */
  private readonly moved: Int32Array[];

  constructor(private readonly inner: HarmonizerNetwork, vocab: readonly string[], private readonly shifts: readonly number[]) {
    this.moved = shifts.map((d) => movedIds(vocab, d));
  }

  /** The shifts at which every note of `frames` (melody and given voices) is in the vocabulary; 0 always. */
  static fitting(vocab: readonly string[], frames: readonly Frame[], shifts: readonly number[]): number[] {
    const known = new Set(vocab);
    return shifts.filter((d) => d === 0 || frames.every((f) => f.voices.every((v) => v.kind !== 'note' || known.has(voiceToken({ ...v, pitch: v.pitch + d })))));
  }

  get vocabSize(): number {
    return this.inner.vocabSize;
  }
  get encodingWidth(): number {
    return this.inner.encodingWidth * this.shifts.length;
  }
  get layers(): number {
    return this.inner.layers;
  }
  get hidden(): number {
    return this.inner.hidden * this.shifts.length;
  }
  get outputWidth(): number {
    return this.inner.outputWidth * this.shifts.length;
  }

  async encode(melody: MelodyRows): Promise<Float32Array> {
    const views: Float32Array[] = [];
    for (let k = 0; k < this.shifts.length; k++) {
      const chord = Int32Array.from(melody.chord, (id) => {
        const label = chordLabelFromId(id);
        return label ? chordLabelId(transposeChordLabel(label, this.shifts[k])) : id;
      });
      views.push(await this.inner.encode({ ...melody, soprano: Int32Array.from(this.ids(melody.soprano, k)), chord }));
    }
    return sideBySide(views, melody.soprano.length, this.inner.encodingWidth);
  }

  async step(encoding: Float32Array, prevAlto: ArrayLike<number>, prevTenor: ArrayLike<number>, prevBass: ArrayLike<number>, state: LstmState): Promise<DecoderStepResult> {
    const rows = prevAlto.length;
    const { layers } = state;
    const H = this.inner.hidden;
    const perLayer = (x: Float32Array, f: (layer: Float32Array) => Float32Array): Float32Array => {
      const out = new Float32Array(x.length);
      const n = x.length / layers;
      for (let l = 0; l < layers; l++) out.set(f(x.subarray(l * n, (l + 1) * n)), l * n);
      return out;
    };
    const inner: LstmState = { batch: rows * this.shifts.length, layers, hidden: H, h: perLayer(state.h, (x) => this.apart(x, rows, H)), c: perLayer(state.c, (x) => this.apart(x, rows, H)) };
    const out = await this.inner.step(this.apart(encoding, rows, this.inner.encodingWidth), this.allIds(prevAlto), this.allIds(prevTenor), this.allIds(prevBass), inner);
    const views = (x: Float32Array) => sideBySide(split(x, this.shifts.length), rows, H);
    return {
      altoLogits: this.mean(out.altoLogits, rows),
      hidden: sideBySide(split(out.hidden, this.shifts.length), rows, this.inner.outputWidth),
      state: { batch: rows, layers, hidden: this.hidden, h: perLayer(out.state.h, views), c: perLayer(out.state.c, views) },
    };
  }

  async tenor(hidden: Float32Array, alto: ArrayLike<number>): Promise<Float32Array> {
    return this.mean(await this.inner.tenor(this.apart(hidden, alto.length, this.inner.outputWidth), this.allIds(alto)), alto.length);
  }

  async bass(hidden: Float32Array, alto: ArrayLike<number>, tenor: ArrayLike<number>): Promise<Float32Array> {
    return this.mean(await this.inner.bass(this.apart(hidden, alto.length, this.inner.outputWidth), this.allIds(alto), this.allIds(tenor)), alto.length);
  }

  async dispose(): Promise<void> {
    // The inner network belongs to the model.
  }

  /** `ids` as view k reads them; a voice at the edge of the vocabulary, with no neighbour there, reads as itself. */
  private ids(ids: ArrayLike<number>, k: number): number[] {
    return Array.from(ids, (id) => (this.moved[k][id] >= 0 ? this.moved[k][id] : id));
  }

  private allIds(ids: ArrayLike<number>): number[] {
    return this.shifts.flatMap((_, k) => this.ids(ids, k));
  }

  /** [rows, views x width] to [views x rows, width], view after view: one batch for the inner network. */
  private apart(x: Float32Array, rows: number, width: number): Float32Array {
    const K = this.shifts.length;
    const out = new Float32Array(rows * K * width);
    for (let r = 0; r < rows; r++) for (let k = 0; k < K; k++) out.set(x.subarray((r * K + k) * width, (r * K + k + 1) * width), (k * rows + r) * width);
    return out;
  }

  /** The views' log-probabilities of each unshifted token, averaged over the views that have it. */
  private mean(logits: Float32Array, rows: number): Float32Array {
    const V = this.vocabSize;
    const out = new Float32Array(rows * V);
    const sum = new Float64Array(V);
    const count = new Int32Array(V);
    for (let r = 0; r < rows; r++) {
      sum.fill(0);
      count.fill(0);
      this.shifts.forEach((_, k) => {
        const row = logits.subarray((k * rows + r) * V, (k * rows + r + 1) * V);
        const norm = logSumExp(row);
        const moved = this.moved[k];
        for (let id = 0; id < V; id++) {
          if (moved[id] < 0) continue;
          sum[id] += row[moved[id]] - norm;
          count[id]++;
        }
      });
      for (let id = 0; id < V; id++) out[r * V + id] = count[id] > 0 ? sum[id] / count[id] : -1e9;
    }
    return out;
  }
}

function movedIds(vocab: readonly string[], shift: number): Int32Array {
  const index = new Map(vocab.map((t, i) => [t, i]));
  return Int32Array.from(vocab, (token, id) => {
    const v = parseVoiceToken(token);
    if (v?.kind !== 'note') return id;
    return index.get(voiceToken({ ...v, pitch: v.pitch + shift })) ?? -1;
  });
}

/** K blocks of [rows, width] to one [rows, K x width]. */
function sideBySide(views: Float32Array[], rows: number, width: number): Float32Array {
  const K = views.length;
  const out = new Float32Array(rows * K * width);
  for (let r = 0; r < rows; r++) views.forEach((v, k) => out.set(v.subarray(r * width, (r + 1) * width), (r * K + k) * width));
  return out;
}

function split(x: Float32Array, parts: number): Float32Array[] {
  const n = x.length / parts;
  return Array.from({ length: parts }, (_, k) => x.subarray(k * n, (k + 1) * n));
}
