// Runs a harmonizer directory's ONNX graphs with onnxruntime-node, teacher forced, and compares with PyTorch.
// usage: node train/verify_harmonizer.mjs MODEL_DIR REFERENCE.json
//   reference: {"sample": {soprano, fermata, position, bar, chord, minor, alto, tenor, bass: [T]},
//               "encoding": [T][W], "alto"|"tenor"|"bass": [T][V]}   (written by export_harmonizer.py)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ort from 'onnxruntime-node';

const TOLERANCE = 1e-4;
const [modelDir, referencePath] = process.argv.slice(2);
const config = JSON.parse(readFileSync(join(modelDir, 'config.json'), 'utf8'));
const ref = JSON.parse(readFileSync(referencePath, 'utf8'));
const { sample } = ref;
const T = sample.soprano.length;
const W = config.encoder.width;
const { layers: L, hidden: H } = config.decoder;
const open = (name) => ort.InferenceSession.create(join(modelDir, config.graphs[name]));
const [encoder, decoder, tenorGraph, bassGraph] = await Promise.all(['encoder', 'decoder', 'tenor', 'bass'].map(open));
const ids = (values, dims) => new ort.Tensor('int64', BigInt64Array.from(values.map(BigInt)), dims);
const worst = (actual, expected) => expected.reduce((w, x, i) => Math.max(w, Math.abs(actual[i] - x)), 0);

const melody = {};
for (const name of ['soprano', 'fermata', 'position', 'bar', 'chord', 'minor']) melody[name] = ids(sample[name], [1, T]);
const encoding = (await encoder.run(melody)).encoding.data;
let encodingWorst = 0;
for (let f = 0; f < T; f++) encodingWorst = Math.max(encodingWorst, worst(encoding.subarray(f * W, (f + 1) * W), ref.encoding[f]));

// Batch 2, both rows the same piece: the batch axis must not mix rows.
const B = 2;
let h = new ort.Tensor('float32', new Float32Array(L * B * H), [L, B, H]);
let c = new ort.Tensor('float32', new Float32Array(L * B * H), [L, B, H]);
const start = config.vocab.indexOf(config.specials.start);
let prev = [start, start, start];
let stepWorst = 0;
for (let f = 0; f < T; f++) {
  const row = encoding.subarray(f * W, (f + 1) * W);
  const enc = new Float32Array(B * W);
  for (let b = 0; b < B; b++) enc.set(row, b * W);
  const out = await decoder.run({
    encoding: new ort.Tensor('float32', enc, [B, W]),
    prev_alto: ids([prev[0], prev[0]], [B]), prev_tenor: ids([prev[1], prev[1]], [B]), prev_bass: ids([prev[2], prev[2]], [B]), h, c,
  });
  const a = ids([sample.alto[f], sample.alto[f]], [B]);
  const t = ids([sample.tenor[f], sample.tenor[f]], [B]);
  const tenor = (await tenorGraph.run({ hidden: out.hidden, alto: a })).tenor_logits.data;
  const bass = (await bassGraph.run({ hidden: out.hidden, alto: a, tenor: t })).bass_logits.data;
  const V = config.vocab.length;
  for (let b = 0; b < B; b++) {
    stepWorst = Math.max(stepWorst,
      worst(out.alto_logits.data.subarray(b * V, (b + 1) * V), ref.alto[f]),
      worst(tenor.subarray(b * V, (b + 1) * V), ref.tenor[f]),
      worst(bass.subarray(b * V, (b + 1) * V), ref.bass[f]));
  }
  h = out.h_out;
  c = out.c_out;
  prev = [sample.alto[f], sample.tenor[f], sample.bass[f]];
}
const report = `onnxruntime-node: encoder max |diff| ${encodingWorst.toExponential(2)}, decoder/tenor/bass ${stepWorst.toExponential(2)} over ${T} frames (batch 2)`;
if (encodingWorst > TOLERANCE || stepWorst > TOLERANCE) {
  console.error(`${report}: over ${TOLERANCE}`);
  process.exit(1);
}
console.log(report);
