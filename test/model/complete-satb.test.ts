import assert from 'node:assert/strict';
import { test } from 'node:test';
import { complete } from '../../src/model';
import { fakeModel, satbTestVocab } from './helpers/fake-model';
import { insertAt, satbProblems } from './helpers/satb-checks';

const DOC = `% title: test
% meter: 4/4
START
(72,False) (67,False) (64,False) (48,False) |||
(72,True) (67,True) (64,True) (48,True) |||
`;

function endCursor(text: string): { line: number; column: number } {
  const lines = text.split('\n');
  return { line: lines.length - 1, column: lines[lines.length - 1].length };
}

test('satb completions continue with whole valid frames', async () => {
  const { model } = fakeModel('satb', satbTestVocab());
  const cursor = endCursor(DOC);
  const out = await complete(model, DOC, cursor, { n: 3, maxFrames: 2, seed: 3 });
  assert.ok(out.length >= 2, `expected several suggestions, got ${out.length}`);
  assert.equal(new Set(out.map((s) => s.text)).size, out.length, 'suggestions are distinct');
  for (const s of out) {
    assert.ok(s.logprob < 0 && Number.isFinite(s.logprob));
    const doc = insertAt(DOC, cursor.line, cursor.column, s.text) + 'END\n';
    assert.deepEqual(satbProblems(doc), [], doc);
    assert.equal(s.text.split('|||').length - 1, 2, `two frames: ${s.text}`);
    assert.doesNotMatch(s.text, /\bEND\b/, 'the piece is the user\'s to end');
  }
  for (let i = 1; i < out.length; i++) assert.ok(out[i - 1].logprob >= out[i].logprob, 'best first');
});

test('satb completion finishes a frame begun on the line, with the right spacing', async () => {
  const { model } = fakeModel('satb', satbTestVocab());
  const doc = DOC + '(74,False) (65,False)';
  const cursor = endCursor(doc);
  const out = await complete(model, doc, cursor, { n: 2, maxFrames: 1 });
  assert.ok(out.length > 0);
  for (const s of out) {
    assert.match(s.text, /^ \(\S+\) \(\S+\) \|\|\|\n$/);
    assert.deepEqual(satbProblems(insertAt(doc, cursor.line, cursor.column, s.text) + '\nEND\n'), []);
  }
});

test('satb completion completes a token the user has begun typing', async () => {
  const { model } = fakeModel('satb', satbTestVocab());
  const doc = DOC + '(7';
  const out = await complete(model, doc, endCursor(doc), { n: 3, maxFrames: 1 });
  assert.ok(out.length > 0);
  for (const s of out) {
    const line = '(7' + s.text;
    assert.match(line, /^\(7\d,(False|True)\) /, line);
    assert.deepEqual(satbProblems(DOC + line + '\nEND\n'), []);
  }
});

test('no satb completion in a comment, before START, after END, or inside a token', async () => {
  const { model } = fakeModel('satb', satbTestVocab());
  assert.deepEqual(await complete(model, DOC, { line: 0, column: 5 }, {}), []);
  assert.deepEqual(await complete(model, '% x\n', { line: 1, column: 0 }, {}), []);
  const ended = DOC + 'END\n';
  assert.deepEqual(await complete(model, ended, endCursor(ended), {}), []);
  assert.deepEqual(await complete(model, DOC, { line: 3, column: 3 }, {}), []);
});

test('same seed, same suggestions', async () => {
  const { model } = fakeModel('satb', satbTestVocab());
  const a = await complete(model, DOC, endCursor(DOC), { n: 4, seed: 9 });
  const b = await complete(model, DOC, endCursor(DOC), { n: 4, seed: 9 });
  assert.deepEqual(a, b);
});

test('an aborted completion throws an AbortError and runs no further step', async () => {
  const { model, step } = fakeModel('satb', satbTestVocab(), 3);
  const controller = new AbortController();
  const pending = complete(model, DOC, endCursor(DOC), { n: 3, maxFrames: 8 }, controller.signal);
  setTimeout(() => controller.abort(), 10);
  await assert.rejects(pending, { name: 'AbortError' });
  const steps = step.steps;
  await new Promise((r) => setTimeout(r, 20));
  assert.equal(step.steps, steps);
  const already = new AbortController();
  already.abort();
  await assert.rejects(complete(model, DOC, endCursor(DOC), {}, already.signal), { name: 'AbortError' });
});

test('a completion right after a finished frame starts the next frame on a new line', async () => {
  const { model } = fakeModel('satb', satbTestVocab());
  const doc = DOC.trimEnd();
  const [s] = await complete(model, doc, endCursor(doc), { n: 1, maxFrames: 1 });
  assert.match(s.text, /^\n\(\S+\) \(\S+\) \(\S+\) \(\S+\) \|\|\|\n$/);
});

test('a completion right after START starts the first frame on a new line', async () => {
  const { model } = fakeModel('satb', satbTestVocab());
  const doc = '% meter: 4/4\nSTART';
  const [s] = await complete(model, doc, endCursor(doc), { n: 1, maxFrames: 1 });
  assert.match(s.text, /^\n\(\S+\) \(\S+\) \(\S+\) \(\S+\) \|\|\|\n$|^\n\(\.\) /);
});
