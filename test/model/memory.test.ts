import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { test } from 'node:test';
import { loadModel, zeroState } from '../../src/model';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const FIXTURE = join(__dirname, 'fixtures', 'random-satb');

function settle(): { rss: number; heap: number } {
  for (let i = 0; i < 3; i++) gc();
  const m = process.memoryUsage();
  return { rss: m.rss, heap: m.heapUsed };
}

const MB = 1024 * 1024;

test('10,000 steps and repeated loads leave memory flat', async () => {
  const model = await loadModel(FIXTURE);
  const { stepper } = model;
  const run = async (steps: number) => {
    let state = zeroState(stepper.layers, stepper.hidden, 4);
    for (let i = 0; i < steps; i++) state = (await stepper.step([i % 90, 3, 4, 5], state)).state;
  };
  await run(500); // warm up allocators and the JIT before measuring
  const before = settle();
  await run(10_000);
  for (let i = 0; i < 10; i++) await (await loadModel(FIXTURE)).dispose();
  const after = settle();
  await model.dispose();
  assert.ok(after.heap - before.heap < 8 * MB, `heap grew ${((after.heap - before.heap) / MB).toFixed(1)} MB`);
  assert.ok(after.rss - before.rss < 40 * MB, `RSS grew ${((after.rss - before.rss) / MB).toFixed(1)} MB`);
});
