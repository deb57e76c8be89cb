import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Prng } from '../../src/model/decoding/prng';
import { logSumExp, sampleAllowed } from '../../src/model/decoding/sampling';

test('sampling draws only allowed tokens, in proportion to the model, within the nucleus', () => {
  const logits = Float32Array.from([Math.log(0.5), Math.log(0.3), Math.log(0.15), Math.log(0.05), 10]);
  const allowed = [0, 1, 2, 3];
  const rng = new Prng(7);
  const counts = [0, 0, 0, 0, 0];
  for (let i = 0; i < 20000; i++) counts[sampleAllowed(logits, allowed, { temperature: 1, topP: 1 }, rng)]++;
  assert.equal(counts[4], 0, 'a disallowed token is never drawn, however likely');
  [0.5, 0.3, 0.15, 0.05].forEach((p, i) => assert.ok(Math.abs(counts[i] / 20000 - p) < 0.02, `token ${i}: ${counts[i]}`));
  const nucleus = [0, 0, 0, 0, 0];
  for (let i = 0; i < 5000; i++) nucleus[sampleAllowed(logits, allowed, { temperature: 1, topP: 0.75 }, rng)]++;
  assert.equal(nucleus[2] + nucleus[3], 0, 'top-p 0.75 keeps the two most likely (0.5 + 0.3)');
  assert.equal(sampleAllowed(logits, allowed, { temperature: 0, topP: 1 }, rng), 0, 'temperature 0 is greedy');
});

test('the PRNG is reproducible from its seed and spreads evenly', () => {
  const a = new Prng(42);
  const b = new Prng(42);
  const xs = Array.from({ length: 1000 }, () => a.next());
  assert.deepEqual(xs, Array.from({ length: 1000 }, () => b.next()));
  assert.notDeepEqual(xs.slice(0, 5), Array.from({ length: 5 }, () => new Prng(43).next()));
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  assert.ok(Math.abs(mean - 0.5) < 0.05 && xs.every((x) => x >= 0 && x < 1));
});

test('logSumExp is stable for large logits', () => {
  assert.ok(Math.abs(logSumExp([1000, 1000]) - (1000 + Math.log(2))) < 1e-9);
});
