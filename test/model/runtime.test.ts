import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ModelLoadError, loadModel, selectRows, zeroState } from '../../src/model';
import { RoutingStep, chooseGpuBuckets } from '../../src/model/runtime/providers';
import { FakeStep } from './helpers/fake-model';
import { assertPrefixEncoderAgrees } from './helpers/prefix-agreement';

const FIXTURE = join(__dirname, 'fixtures', 'random-satb');
const scratch = mkdtempSync(join(tmpdir(), 'bachbot-model-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** A copy of the fixture with one file changed. */
function variant(name: string, change: (dir: string) => void): string {
  const dir = join(scratch, name);
  cpSync(FIXTURE, dir, { recursive: true });
  change(dir);
  return dir;
}

async function loadError(dir: string): Promise<string> {
  try {
    const m = await loadModel(dir);
    await m.dispose();
  } catch (err) {
    assert.ok(err instanceof ModelLoadError, `a ModelLoadError, not ${String(err)}`);
    return err.message;
  }
  assert.fail('the model loaded');
}

test('loads the fixture model, checks it with one step, and reports the provider', async () => {
  const model = await loadModel(FIXTURE);
  assert.equal(model.type, 'satb');
  assert.equal(model.provider, 'cpu');
  assert.equal(model.vocab.size, model.stepper.vocabSize);
  const out = await model.stepper.step([model.vocab.startId], zeroState(model.stepper.layers, model.stepper.hidden, 1));
  assert.equal(out.logits.length, model.vocab.size);
  await model.dispose();
});

test('corrupt or mismatched model directories give plain messages', async () => {
  const onnx = readFileSync(join(FIXTURE, 'model.onnx'));
  const config = JSON.parse(readFileSync(join(FIXTURE, 'config.json'), 'utf8'));
  const cases: [string, (d: string) => void, RegExp][] = [
    ['truncated', (d) => writeFileSync(join(d, 'model.onnx'), onnx.subarray(0, onnx.length >> 1)), /model\.onnx is not a valid ONNX model \(.+\)/],
    ['garbage', (d) => writeFileSync(join(d, 'model.onnx'), Buffer.from('this is not a model at all'.repeat(20))), /model\.onnx is not a valid ONNX model/],
    ['no-onnx', (d) => rmSync(join(d, 'model.onnx')), /model\.onnx is missing/],
    ['no-config', (d) => rmSync(join(d, 'config.json')), /config\.json is missing/],
    ['bad-json', (d) => writeFileSync(join(d, 'config.json'), '{"type": "satb",'), /config\.json is not valid JSON/],
    ['wrong-type', (d) => writeFileSync(join(d, 'config.json'), JSON.stringify({ ...config, type: 'midi' })), /"type" must be "satb" or "abc" \(found "midi"\)/],
    ['extra-token', (d) => writeFileSync(join(d, 'config.json'), JSON.stringify({ ...config, vocab: [...config.vocab, '(99,False)'] })), /config\.json: vocab has 98 tokens but the model outputs 97 logits/],
    ['no-special', (d) => writeFileSync(join(d, 'config.json'), JSON.stringify({ ...config, vocab: config.vocab.slice(1) })), /special token start "START" is not in the vocab/],
    ['bad-hidden', (d) => writeFileSync(join(d, 'config.json'), JSON.stringify({ ...config, hidden: 31 })), /failed a test step with the shapes from config\.json \(layers 2, hidden 31\)/],
    ['no-layers', (d) => writeFileSync(join(d, 'config.json'), JSON.stringify({ ...config, layers: undefined })), /"layers" must be a positive integer/],
  ];
  for (const [name, change, expected] of cases) {
    assert.match(await loadError(variant(name, change)), expected, name);
  }
  assert.match(await loadError(join(scratch, 'nowhere')), /model directory .*nowhere does not exist/);
});

test('a model of the other type is refused when a type is expected', async () => {
  await assert.rejects(loadModel(FIXTURE, { expectedType: 'abc' }), /this is a "satb" model, but a "abc" model is needed/);
});

test('a GPU provider that cannot start falls back to the CPU and says why', async () => {
  for (const provider of ['webgpu', 'cuda', 'dml'] as const) {
    const model = await loadModel(FIXTURE, { provider });
    assert.equal(model.provider, 'cpu', provider);
    assert.match(model.providerNote, new RegExp(`^${provider} unavailable \\(.+\\); using cpu$`));
    await model.dispose();
  }
});

test('auto with no usable GPU falls back to the CPU cleanly', async () => {
  const model = await loadModel(FIXTURE, { provider: 'auto' });
  assert.equal(model.provider, 'cpu');
  assert.match(model.providerNote, /^auto: no GPU provider \(.+\); using cpu$/);
  await model.dispose();
});

test('auto uses the GPU only for the batch sizes where it measured faster', () => {
  const buckets = chooseGpuBuckets([
    { batch: 1, cpuMs: 0.2, gpuMs: 4.6 },
    { batch: 8, cpuMs: 0.5, gpuMs: 4.8 },
    { batch: 64, cpuMs: 6, gpuMs: 5.2 },
    { batch: 512, cpuMs: 30, gpuMs: 12 },
  ]);
  assert.deepEqual(buckets, [false, false, true, true, true]);
});

test('the routing step sends each batch size to the provider chosen for its bucket', async () => {
  const cpu = new FakeStep(10);
  const gpu = new FakeStep(10);
  const routed = new RoutingStep(cpu, gpu, chooseGpuBuckets([{ batch: 1, cpuMs: 1, gpuMs: 5 }, { batch: 8, cpuMs: 2, gpuMs: 5 }, { batch: 64, cpuMs: 9, gpuMs: 5 }]));
  for (const batch of [1, 4, 8, 16, 64, 300]) await routed.step(new Array(batch).fill(0), zeroState(1, 2, batch));
  assert.equal(cpu.steps, 3, 'batches 1, 4, 8 on the CPU');
  assert.equal(gpu.steps, 3, 'batches 16, 64, 300 on the GPU');
});

test('a batch of rows steps exactly like the rows one at a time', async () => {
  const model = await loadModel(FIXTURE);
  const { stepper } = model;
  let batch = zeroState(stepper.layers, stepper.hidden, 3);
  const singles = [0, 1, 2].map(() => zeroState(stepper.layers, stepper.hidden, 1));
  const seqs = [[0, 5, 9, 2], [0, 7, 7, 2], [0, 40, 3, 2]];
  let lastBatch: Float32Array = new Float32Array();
  const lastSingle: Float32Array[] = [];
  for (let t = 0; t < 4; t++) {
    const out = await stepper.step(seqs.map((s) => s[t]), batch);
    batch = out.state;
    lastBatch = out.logits;
    for (let r = 0; r < 3; r++) {
      const o = await stepper.step([seqs[r][t]], singles[r]);
      singles[r] = o.state;
      lastSingle[r] = o.logits;
    }
  }
  const V = stepper.vocabSize;
  for (let r = 0; r < 3; r++) {
    for (let v = 0; v < V; v++) assert.ok(Math.abs(lastBatch[r * V + v] - lastSingle[r][v]) < 1e-4);
  }
  const reordered = selectRows(batch, [2, 0]);
  const a = await stepper.step([1, 1], reordered);
  const b = await stepper.step([1], singles[2]);
  for (let v = 0; v < V; v++) assert.ok(Math.abs(a.logits[v] - b.logits[v]) < 1e-4);
  await model.dispose();
});

for (const [fixture, kind] of [['random-satb', 'scan'], ['random-satb-prefix', 'prefix.onnx']] as const) {
  test(`the prefix encoder (${kind}) gives the same state and logits as stepping`, async () => {
    const model = await loadModel(join(__dirname, 'fixtures', fixture));
    assert.equal(model.prefixEncoder?.kind, kind);
    await assertPrefixEncoderAgrees(model, 50);
    await model.dispose();
  });
}

test('a corrupt prefix.onnx is passed over for the Scan-wrapped step graph', async () => {
  const dir = variant('bad-prefix', (d) => writeFileSync(join(d, 'prefix.onnx'), Buffer.from('not onnx')));
  const model = await loadModel(dir);
  assert.equal(model.prefixEncoder?.kind, 'scan');
  await model.dispose();
});
