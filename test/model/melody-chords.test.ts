import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseAbc } from '../../src/abc';
import { abcVoiceToFrames } from '../../src/abc/frames';
import { harmonizeText } from '../../src/model';
import type { DecoderStepResult, HarmonizerNetwork, MelodyRows } from '../../src/model/harmonizer/network';
import { zeroState } from '../../src/model/step';
import { fakeHarmonizer, harmonizerVocab } from './helpers/fake-harmonizer';

/** A network that wants every lower voice on one pitch class (in the search's key), whatever the melody. */
class OnePitchClassNetwork implements HarmonizerNetwork {
  readonly encodingWidth = 1;
  readonly layers = 1;
  readonly hidden = 1;
  readonly outputWidth = 1;
  constructor(private readonly vocab: string[], private readonly pc: number) {}
  get vocabSize(): number {
    return this.vocab.length;
  }
  async encode(melody: MelodyRows): Promise<Float32Array> {
    return new Float32Array(melody.soprano.length);
  }
  async step(_e: Float32Array, prevAlto: ArrayLike<number>): Promise<DecoderStepResult> {
    return { altoLogits: this.logits(prevAlto.length), hidden: new Float32Array(prevAlto.length), state: zeroState(1, 1, prevAlto.length) };
  }
  async tenor(hidden: Float32Array): Promise<Float32Array> {
    return this.logits(hidden.length);
  }
  async bass(hidden: Float32Array): Promise<Float32Array> {
    return this.logits(hidden.length);
  }
  async dispose(): Promise<void> {}
  private logits(rows: number): Float32Array {
    const row = this.vocab.map((t) => {
      const m = /^\((\d+),/.exec(t);
      return m && Number(m[1]) % 12 === this.pc ? 4 : 0;
    });
    return Float32Array.from({ length: rows * row.length }, (_, i) => row[i % row.length]);
  }
}

// A major: the fiddle's double stop [=ce] has C natural under the E. In the search's C major, C# is E and C is E-flat.
const TUNE = 'X:1\nT:Double stops\nM:4/4\nL:1/4\nK:A\nA B c d | [=ce]2 [=ce]2 | e d c B | A4 |]\n';

test("the lower voices do not clash with the melody's other notes where it plays a chord: no C# against its C natural", async () => {
  const melody = abcVoiceToFrames(parseAbc(TUNE).tunes[0]);
  // The C natural under the E (C5, moved +3 with the tune to C major: E-flat) is read beside the frames, which hold the E.
  assert.equal(melody.semitones, 3);
  assert.deepEqual(melody.otherMelodyNotes.slice(16, 32), new Array(16).fill([75]));
  assert.equal(melody.otherMelodyNotes.filter((x) => x).length, 16);
  const vocab = harmonizerVocab();
  const model = fakeHarmonizer(new OnePitchClassNetwork(vocab, 4), vocab);
  const out = await harmonizeText(model, TUNE, 'abc', undefined, { beamWidth: 4 });
  const tune = parseAbc(out).tunes[0];
  const lower = ['A', 'T', 'B'].map((v) => abcVoiceToFrames(tune, v).frames);
  // The frames are in the search's key, where A major's C# is pitch class 4 (E).
  const sharpC = (v: { kind: string; pitch?: number }) => v.kind === 'note' && v.pitch! % 12 === 4;
  // Bar 2 (frames 16..31), under the double stops: no lower voice sounds C#.
  for (const frames of lower) for (let f = 16; f < 32; f++) assert.ok(!sharpC(frames[f].voices[0]), `frame ${f}: C# under the C natural`);
  // Elsewhere the network's C# sounds: without the double stops' C the voices would take it there too.
  assert.ok(lower.some((frames) => frames.slice(0, 16).some((fr) => sharpC(fr.voices[0]))));
});
