import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { findModelDir, ModelNotFoundError } from '../../src/features/models/find-model';
import { ModelService, type ModelSource } from '../../src/features/models/model-service';
import { readSettings } from '../../src/features/settings';
import { statusText } from '../../src/features/status-text';
import { PROVIDER_REQUESTS } from '../../src/model/runtime/providers';

function source(overrides: Partial<ModelSource> = {}) {
  const loads: string[] = [];
  const disposed: string[] = [];
  const src: ModelSource = {
    provider: () => 'cpu',
    locate: async (language) => `/models/${language}`,
    load: async (dir) => (loads.push(dir), { dispose: () => disposed.push(dir) }),
    ...overrides,
  };
  return { src, loads, disposed };
}

test('nothing loads until a model is asked for; then once per language, shared by all requests', async () => {
  const { src, loads } = source();
  const service = new ModelService(src);
  assert.deepEqual(loads, []);
  const [a, b] = await Promise.all([service.get('satb'), service.get('satb')]);
  assert.equal(a, b);
  await service.get('abc');
  assert.deepEqual(loads, ['/models/satb', '/models/abc']);
  assert.deepEqual(service.state.loaded.map((l) => `${l.language}:${l.name}:${l.provider}`), ['satb:satb:cpu', 'abc:abc:cpu']);
});

test('a failed load is reported once and not retried while typing; an explicit retry loads again', async () => {
  let attempts = 0;
  const { src } = source({
    load: async () => {
      attempts++;
      throw new Error('model.onnx is not an ONNX file');
    },
  });
  const service = new ModelService(src);
  const failures: string[] = [];
  service.onDidFail((f) => failures.push(`${f.language}: ${f.message}`));
  await assert.rejects(service.get('abc'), /not an ONNX file/);
  await assert.rejects(service.get('abc'), /not an ONNX file/);
  assert.equal(attempts, 1);
  assert.deepEqual(failures, ['abc: model.onnx is not an ONNX file']);
  assert.equal(service.state.failed.length, 1);
  await assert.rejects(service.get('abc', { retry: true }));
  assert.equal(attempts, 2);
});

test('invalidate disposes loaded models and the next request loads afresh', async () => {
  const { src, loads, disposed } = source();
  const service = new ModelService(src);
  await service.get('satb');
  service.invalidate();
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(disposed, ['/models/satb']);
  await service.get('satb');
  assert.equal(loads.length, 2);
});

test('busy tracking drives the status text spinner', async () => {
  const { src } = source();
  const service = new ModelService(src);
  const texts: string[] = [];
  service.onDidChange((s) => texts.push(statusText(s).text));
  await service.get('satb');
  await service.track(Promise.resolve(1));
  assert.ok(texts.some((t) => t.startsWith('$(sync~spin)')));
  assert.equal(texts[texts.length - 1], '$(music) BachBot: satb · cpu');
});

test('findModelDir finds a model folder by its config type, the one named after the language first', async () => {
  const root = mkdtempSync(join(tmpdir(), 'bachbot-models-'));
  for (const [name, type] of [['a-chorales', 'satb'], ['satb', 'satb'], ['folk', 'abc']]) {
    mkdirSync(join(root, name));
    writeFileSync(join(root, name, 'config.json'), JSON.stringify({ type }));
  }
  assert.equal(await findModelDir(root, 'satb'), join(root, 'satb'));
  assert.equal(await findModelDir(root, 'abc'), join(root, 'folk'));
  assert.equal(await findModelDir(join(root, 'folk'), 'abc'), join(root, 'folk'));
  await assert.rejects(findModelDir(join(root, 'folk'), 'satb'), /No satb model/);
  await assert.rejects(findModelDir(join(root, 'missing'), 'satb'), /does not exist/);
});

test('settings: modelPath only in a trusted workspace; numbers are clamped; an unknown provider is passed on (loading refuses it)', () => {
  const values: Record<string, unknown> = {
    'bachbot.modelPath': '/elsewhere',
    'bachbot.completion.delayMs': -5,
    'bachbot.completion.temperature': 9,
    'bachbot.executionProvider': 'tpu',
  };
  const trusted = readSettings((k) => values[k], true);
  assert.equal(trusted.modelPath, '/elsewhere');
  assert.equal(trusted.completion.delayMs, 0);
  assert.equal(trusted.completion.temperature, 2);
  assert.equal(trusted.executionProvider, 'tpu');
  assert.equal(readSettings((k) => values[k], false).modelPath, undefined);
  assert.equal(readSettings(() => undefined, true).completion.enabled, true);
});

test('the defaults in code are the defaults the manifest shows', () => {
  const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'));
  const props = manifest.contributes.configuration.properties;
  const s = readSettings(() => undefined, true);
  assert.equal(s.completion.enabled, props['bachbot.completion.enabled'].default);
  assert.equal(s.completion.delayMs, props['bachbot.completion.delayMs'].default);
  assert.equal(s.completion.lengthBars, props['bachbot.completion.length'].default);
  assert.equal(s.completion.temperature, props['bachbot.completion.temperature'].default);
  assert.equal(s.harmonize.beamWidth, props['bachbot.harmonize.beamWidth'].default);
  assert.equal(s.harmonize.alternatives, props['bachbot.harmonize.alternatives'].default);
  assert.equal(s.executionProvider, props['bachbot.executionProvider'].default);
  assert.deepEqual(props['bachbot.executionProvider'].enum, [...PROVIDER_REQUESTS], 'the setting offers exactly the providers the engine knows');
});

test('the status item says when the engine fell back to WebAssembly, and why', () => {
  const state = {
    loaded: [{ language: 'satb' as const, name: 'satb', provider: 'wasm', providerNote: 'wasm: the native onnxruntime for linux-x64 did not load: invalid ELF header' }],
    loading: [],
    failed: [],
    busy: 0,
  };
  const { text, tooltip } = statusText(state);
  assert.equal(text, '$(music) BachBot: satb · wasm');
  assert.match(tooltip, /satb model satb on wasm \(wasm: the native onnxruntime for linux-x64 did not load: invalid ELF header\)/);
  const plain = statusText({ ...state, loaded: [{ ...state.loaded[0], provider: 'cpu', providerNote: 'cpu (requested)' }] });
  assert.equal(plain.tooltip, 'satb model satb on cpu');
});

test('a FIFO as config.json is not a model folder, and finding one does not wait on it', { skip: process.platform === 'win32', timeout: 10_000 }, async () => {
  const root = mkdtempSync(join(tmpdir(), 'bachbot-fifo-'));
  mkdirSync(join(root, 'satb'));
  execFileSync('mkfifo', [join(root, 'satb', 'config.json')]);
  await assert.rejects(findModelDir(root, 'satb'), (e: Error) => e instanceof ModelNotFoundError);
});
