// The engine process as the extension host uses it: models load and run in it, an aborted call is rejected at
// once, an engine that dies (even by a native abort) is reported once and the next call starts a new one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EngineClient, type EngineStop } from '../../src/engine/engine-client';
import { sourceEngineWorker } from '../../src/engine/source-worker';

const fixtures = join(__dirname, '..', 'model', 'fixtures');
const CHORALE = '% meter: 4/4\nSTART\n(72,False) (67,False) (64,False) (48,False) |||\n';

function client(options: { cancelGraceMs?: number; memoryLimitMb?: number } = {}) {
  const engine = new EngineClient({ ...sourceEngineWorker(), ...options });
  const stops: EngineStop[] = [];
  engine.onDidStop((s) => stops.push(s));
  return { engine, stops };
}

test('a model loads in the worker and completes a chorale there', async () => {
  const { engine, stops } = client();
  try {
    const model = await engine.load(join(fixtures, 'random-satb'), 'cpu');
    assert.equal(model.type, 'satb');
    assert.equal(model.provider, 'cpu');
    const suggestions = await model.complete(CHORALE, { line: 3, column: 0 }, { n: 2, maxFrames: 4, seed: 1 });
    assert.ok(suggestions.length >= 1);
    for (const s of suggestions) assert.match(s.text, /\|\|\|/);
    assert.deepEqual(stops, []);
  } finally {
    engine.dispose();
  }
});

test('errors in the worker come back with their name and message', async () => {
  const { engine } = client();
  try {
    await assert.rejects(engine.load(join(fixtures, 'no-such-model'), 'cpu'), (e: Error) => e.name === 'ModelLoadError' && /no-such-model/.test(e.message));
    const model = await engine.load(join(fixtures, 'random-satb'), 'cpu');
    await assert.rejects(model.harmonize('not a chorale', 'satb', undefined, {}), (e: Error) => e.name !== 'EngineStoppedError');
  } finally {
    engine.dispose();
  }
});

/** An engine script that answers each message as `body` says (a crash, a loop that never yields). */
function fakeEngine(body: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'bachbot-engine-')), 'engine.js');
  writeFileSync(file, `process.on('message', (m) => { ${body} }); process.on('disconnect', () => process.exit(0));\n`);
  return file;
}

const answerUnload = `if (m.type === 'call' && m.call === 'unload') { process.send({ type: 'result', id: m.id, result: 'fresh' }); return; }`;

for (const [how, death, reason] of [
  ['throws', `throw new Error('boom in the engine');`, /boom in the engine/],
  ['aborts natively', `process.abort();`, /SIGABRT/],
  ['exits', `process.exit(3);`, /exit code 3/],
] as const) {
  test(`an engine that ${how} rejects its calls with the reason, is reported once, and the next call starts a new one`, async () => {
    const engine = new EngineClient({ script: fakeEngine(`${answerUnload} ${death}`) });
    const stops: EngineStop[] = [];
    engine.onDidStop((s) => stops.push(s));
    try {
      const first = engine.call('score', { handle: 1, language: 'satb', text: '' });
      const second = engine.call('score', { handle: 1, language: 'satb', text: '' });
      await assert.rejects(first, (e: Error) => e.name === 'EngineStoppedError' && reason.test(e.message));
      await assert.rejects(second, (e: Error) => e.name === 'EngineStoppedError');
      assert.equal(stops.length, 1, 'reported once');
      assert.equal(stops[0].expected, false);
      const generation = engine.generation;
      assert.equal(await engine.call('unload', { handle: 1 }), 'fresh', 'a new engine answers');
      assert.equal(engine.generation, generation, 'no stop since');
    } finally {
      engine.dispose();
    }
  });
}

test('an aborted call is rejected at once, even while the engine is busy; an engine that will not stop is restarted', async () => {
  const engine = new EngineClient({
    script: fakeEngine(`${answerUnload} if (m.type === 'call') { const end = Date.now() + 20000; while (Date.now() < end); }`),
    cancelGraceMs: 300,
  });
  const stops: EngineStop[] = [];
  engine.onDidStop((s) => stops.push(s));
  try {
    const controller = new AbortController();
    const busy = engine.call('score', { handle: 1, language: 'satb', text: '' }, controller.signal);
    await new Promise((r) => setTimeout(r, 300));
    const asked = performance.now();
    controller.abort();
    await assert.rejects(busy, (e: Error) => e.name === 'AbortError');
    assert.ok(performance.now() - asked < 50, 'rejected within 50 ms');
    await new Promise((r) => setTimeout(r, 600));
    assert.equal(stops.length, 1);
    assert.equal(stops[0].expected, true);
    assert.match(stops[0].reason, /cancelled request/);
    assert.equal(await engine.call('unload', { handle: 1 }), 'fresh', 'a new engine serves the next call');
  } finally {
    engine.dispose();
  }
});

test('an engine past its memory limit dies alone and says so; the host carries on', async () => {
  const engine = new EngineClient({ script: fakeEngine(`const hoard = []; for (;;) hoard.push(new Array(1e5).fill(hoard.length));`), memoryLimitMb: 64 });
  try {
    await assert.rejects(engine.call('score', { handle: 1, language: 'satb', text: '' }), (e: Error) => e.name === 'EngineStoppedError' && /memory|heap/i.test(e.message));
  } finally {
    engine.dispose();
  }
});
