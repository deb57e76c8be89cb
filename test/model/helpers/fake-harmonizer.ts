import { CHORD_LABEL_COUNT, CHORD_QUALITIES } from '../../../src/music/chord-label';
import type { HarmonizerConfig } from '../../../src/model/harmonizer/config';
import { HarmonizerModel } from '../../../src/model/harmonizer/harmonizer-model';
import type { DecoderStepResult, HarmonizerNetwork, MelodyRows } from '../../../src/model/harmonizer/network';
import { zeroState, type LstmState } from '../../../src/model/step';

/** The chorale vocabulary's voice tokens over a range, with the specials the harmonizer needs. */
export function harmonizerVocab(low = 31, high = 84): string[] {
  const notes: string[] = [];
  for (let p = low; p <= high; p++) notes.push(`(${p},False)`, `(${p},True)`);
  return ['START', 'END', '(.)', '(r)', '|||', ...notes];
}

/**
 * A harmonizer network that wants the worst voice leading: every lower voice an exact number of octaves (or a
 * fifth) under the soprano, struck at every frame, so that without the search's rules every frame that moves
 * would bring parallel octaves and fifths. Its "encoding" of a frame is the soprano's token id.
 */
export class AdversarialNetwork implements HarmonizerNetwork {
  readonly encodingWidth = 1;
  readonly layers = 1;
  readonly hidden = 1;
  readonly outputWidth = 1;
  calls = 0;
  constructor(private readonly vocab: string[], private readonly delayMs = 0) {}
  get vocabSize(): number {
    return this.vocab.length;
  }
  async encode(melody: MelodyRows): Promise<Float32Array> {
    return Float32Array.from(melody.soprano);
  }
  async step(encoding: Float32Array, prevAlto: ArrayLike<number>, _t: ArrayLike<number>, _b: ArrayLike<number>, state: LstmState): Promise<DecoderStepResult> {
    await this.pause();
    const batch = prevAlto.length;
    return { altoLogits: this.logits(encoding, [-12, -7]), hidden: Float32Array.from(encoding), state: zeroState(this.layers, this.hidden, batch) };
  }
  async tenor(hidden: Float32Array): Promise<Float32Array> {
    await this.pause();
    return this.logits(hidden, [-19, -24]);
  }
  async bass(hidden: Float32Array): Promise<Float32Array> {
    await this.pause();
    return this.logits(hidden, [-24, -31, -36]);
  }
  async dispose(): Promise<void> {}

  private logits(sopranoIds: Float32Array, intervals: number[]): Float32Array {
    const V = this.vocab.length;
    const out = new Float32Array(sopranoIds.length * V).fill(-8);
    sopranoIds.forEach((id, row) => {
      const m = /^\((\d+),/.exec(this.vocab[id]);
      const s = m ? Number(m[1]) : 67;
      intervals.forEach((d, k) => {
        const i = this.vocab.indexOf(`(${s + d},False)`);
        if (i >= 0) out[row * V + i] = 4 - k;
      });
    });
    return out;
  }

  private async pause(): Promise<void> {
    this.calls++;
    if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
  }
}

export function fakeHarmonizer(network?: HarmonizerNetwork, vocab = harmonizerVocab()): HarmonizerModel {
  const config: HarmonizerConfig = {
    type: 'harmonizer',
    version: 1,
    vocab,
    specials: { start: 'START', end: 'END' },
    encoder: { width: 1 },
    decoder: { layers: 1, hidden: 1, output: 1 },
    inputs: { positions: 48, barClasses: { '8': 1, '12': 2, '16': 3, '24': 4 }, chordLabels: CHORD_LABEL_COUNT, chordQualities: CHORD_QUALITIES.length },
    graphs: { encoder: 'encoder.onnx', decoder: 'decoder.onnx', tenor: 'tenor.onnx', bass: 'bass.onnx' },
  };
  return new HarmonizerModel(config, network ?? new AdversarialNetwork(vocab), { provider: 'cpu' });
}
