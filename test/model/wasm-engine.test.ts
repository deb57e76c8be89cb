// The WebAssembly engine (onnxruntime-web in Node): what the universal package runs, and where the native
// packages go when their binary will not load.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { ModelLoadError, loadModel, zeroState, type LoadedModel } from '../../src/model';
import { NativeEngineUnavailable, type SessionBackend } from '../../src/model/runtime/session';
import { assertPrefixEncoderAgrees } from './helpers/prefix-agreement';

const FIXTURE = join(__dirname, 'fixtures', 'random-satb');

/** A native backend whose binary does not load (as on a computer the package was not built for). */
const brokenNative: SessionBackend = {
  name: 'native',
  open: async () => {
    throw new NativeEngineUnavailable('the native onnxruntime for test-arch did not load: invalid ELF header');
  },
};

async function stepThrough(model: LoadedModel, ids: number[]): Promise<Float32Array> {
  let state = zeroState(model.stepper.layers, model.stepper.hidden, 2);
  let logits: Float32Array = new Float32Array();
  for (const id of ids) ({ state, logits } = await model.stepper.step([id, (id * 7) % model.vocab.size], state));
  return logits;
}

test('the wasm provider runs the model to the same logits as the native CPU engine', async () => {
  const native = await loadModel(FIXTURE);
  const wasm = await loadModel(FIXTURE, { provider: 'wasm', wasmWarmUpMs: 0 });
  try {
    assert.equal(wasm.provider, 'wasm');
    assert.equal(wasm.providerNote, 'wasm (requested)');
    const ids = [0, 5, 9, 2, 40, 3];
    const a = await stepThrough(native, ids);
    const b = await stepThrough(wasm, ids);
    assert.equal(a.length, b.length);
    for (let i = 0; i < a.length; i++) assert.ok(Math.abs(a[i] - b[i]) < 1e-4, `logit ${i}: ${a[i]} vs ${b[i]}`);
  } finally {
    await native.dispose();
    await wasm.dispose();
  }
});

test('the prefix encoder runs on wasm too and agrees with stepping', async () => {
  const model = await loadModel(FIXTURE, { provider: 'wasm', wasmWarmUpMs: 0 });
  try {
    assert.equal(model.prefixEncoder?.kind, 'scan');
    await assertPrefixEncoderAgrees(model, 30);
  } finally {
    await model.dispose();
  }
});

test('a native binary that will not load falls back to wasm and says why', async () => {
  for (const provider of ['cpu', 'cuda', 'auto'] as const) {
    const model = await loadModel(FIXTURE, { provider, nativeBackend: brokenNative, wasmWarmUpMs: 0 });
    try {
      assert.equal(model.provider, 'wasm', provider);
      assert.match(model.providerNote, /native onnxruntime for test-arch did not load: invalid ELF header/, provider);
      if (provider !== 'cpu') assert.match(model.providerNote, new RegExp(`^${provider}: no native onnxruntime .*; using wasm$`));
      const out = await model.stepper.step([0], zeroState(model.stepper.layers, model.stepper.hidden, 1));
      assert.equal(out.logits.length, model.vocab.size);
    } finally {
      await model.dispose();
    }
  }
});

test('an unknown provider is refused with the list of known ones', async () => {
  await assert.rejects(
    loadModel(FIXTURE, { provider: 'tpu' as never }),
    (err: unknown) => err instanceof ModelLoadError && /unknown execution provider "tpu" \(known: cpu, wasm, webgpu, cuda, dml, auto\)/.test(err.message),
  );
});

test('a corrupt model is still reported as such on wasm, not as a missing engine', async () => {
  const { mkdtempSync, cpSync, writeFileSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const dir = join(mkdtempSync(join(tmpdir(), 'bachbot-wasm-')), 'm');
  cpSync(FIXTURE, dir, { recursive: true });
  writeFileSync(join(dir, 'model.onnx'), Buffer.from('not a model'.repeat(30)));
  try {
    await assert.rejects(loadModel(dir, { provider: 'wasm' }), /model\.onnx is not a valid ONNX model/);
    await assert.rejects(loadModel(dir, { nativeBackend: brokenNative }), /model\.onnx is not a valid ONNX model/);
  } finally {
    rmSync(join(dir, '..'), { recursive: true, force: true });
  }
});
