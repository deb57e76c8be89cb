// Runs a model directory's ONNX graphs with onnxruntime-node and compares their logits with PyTorch's.
// usage: node train/verify_onnx.mjs MODEL_DIR REFERENCE.json   (reference: {"ids": [...], "logits": [[...], ...]})
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import ort from 'onnxruntime-node';

const TOLERANCE = 1e-4;
const [modelDir, referencePath] = process.argv.slice(2);
const config = JSON.parse(readFileSync(join(modelDir, 'config.json'), 'utf8'));
const reference = JSON.parse(readFileSync(referencePath, 'utf8'));
const stateSize = config.layers * config.hidden;

function worstDifference(actual, expected) {
  let worst = 0;
  for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
  return worst;
}

const step = await ort.InferenceSession.create(join(modelDir, 'model.onnx'));
let h = new ort.Tensor('float32', new Float32Array(stateSize), [config.layers, 1, config.hidden]);
let c = new ort.Tensor('float32', new Float32Array(stateSize), [config.layers, 1, config.hidden]);
let stepWorst = 0;
for (let t = 0; t < reference.ids.length; t++) {
  const tokens = new ort.Tensor('int64', BigInt64Array.from([BigInt(reference.ids[t])]), [1]);
  const out = await step.run({ tokens, h, c });
  stepWorst = Math.max(stepWorst, worstDifference(out.logits.data, reference.logits[t]));
  h = out.h_out;
  c = out.c_out;
}
// the same sequence three times in one batch: the dynamic batch axis must give every row the same logits
const batch = 3;
let hb = new ort.Tensor('float32', new Float32Array(stateSize * batch), [config.layers, batch, config.hidden]);
let cb = new ort.Tensor('float32', new Float32Array(stateSize * batch), [config.layers, batch, config.hidden]);
for (let t = 0; t < reference.ids.length; t++) {
  const tokens = new ort.Tensor('int64', BigInt64Array.from({ length: batch }, () => BigInt(reference.ids[t])), [batch]);
  const out = await step.run({ tokens, h: hb, c: cb });
  const vocab = config.vocab.length;
  for (let row = 0; row < batch; row++) {
    stepWorst = Math.max(stepWorst, worstDifference(out.logits.data.subarray(row * vocab, (row + 1) * vocab), reference.logits[t]));
  }
  hb = out.h_out;
  cb = out.c_out;
}
let prefixWorst = 0;
if (existsSync(join(modelDir, 'prefix.onnx'))) {
  const prefix = await ort.InferenceSession.create(join(modelDir, 'prefix.onnx'));
  const n = reference.ids.length;
  const zeros = () => new ort.Tensor('float32', new Float32Array(stateSize), [config.layers, 1, config.hidden]);
  const tokens = new ort.Tensor('int64', BigInt64Array.from(reference.ids.map(BigInt)), [1, n]);
  const out = await prefix.run({ tokens, h: zeros(), c: zeros() });
  const vocab = config.vocab.length;
  for (let t = 0; t < n; t++) {
    prefixWorst = Math.max(prefixWorst, worstDifference(out.logits.data.subarray(t * vocab, (t + 1) * vocab), reference.logits[t]));
  }
}
const ok = stepWorst <= TOLERANCE && prefixWorst <= TOLERANCE;
console.log(`onnxruntime check ${ok ? 'passed' : 'FAILED'}: largest logit difference step ${stepWorst.toExponential(2)}, prefix ${prefixWorst.toExponential(2)} (tolerance ${TOLERANCE})`);
process.exit(ok ? 0 : 1);
