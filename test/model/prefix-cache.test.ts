import assert from 'node:assert/strict';
import { test } from 'node:test';
import { complete, encodePrefix } from '../../src/model';
import { contextWindow } from '../../src/model/context-window';
import { PrefixKeys, PrefixStateCache } from '../../src/model/runtime/prefix-cache';
import { fakeModel, satbTestVocab } from './helpers/fake-model';

const FRAME = '(72,False) (67,False) (64,False) (48,False) |||\n';

function endCursor(text: string) {
  const lines = text.split('\n');
  return { line: lines.length - 1, column: lines[lines.length - 1].length };
}

test('typing at the end of a long document re-reads only from the last checkpoint', async () => {
  const { model, step } = fakeModel('satb', satbTestVocab());
  let doc = 'START\n' + FRAME.repeat(60);
  await complete(model, doc, endCursor(doc), { n: 1, maxFrames: 1, contextTokens: Infinity });
  const coldRows = step.rowsStepped;
  assert.ok(coldRows >= 1 + 60 * 5, `the first request reads the whole document (${coldRows} rows)`);
  doc += '(74,False) ';
  const before = step.rowsStepped;
  const out = await complete(model, doc, endCursor(doc), { n: 1, maxFrames: 1, contextTokens: Infinity });
  assert.ok(out.length > 0);
  // One new token to read, then the rest of the frame (three more tokens) for each of the n + 2 sampled rows.
  assert.ok(step.rowsStepped - before <= 1 + 3 * 3, `${step.rowsStepped - before} rows stepped after typing one token`);
  assert.ok(model.cache.hits >= 1);
});

test('an edit in the middle re-reads from the checkpoint before the edit, not from the start', async () => {
  const { model } = fakeModel('satb', satbTestVocab());
  const ids = [0, ...Array.from({ length: 40 }, (_, i) => (i % 6 === 5 ? 4 : 10 + (i % 6)))];
  const isCheckpoint = (id: number) => id === 4;
  const full = await encodePrefix(model, ids, isCheckpoint);
  const edited = ids.slice();
  edited[30] = 20;
  const { step } = model.stepper as unknown as { step: unknown };
  void step;
  const counter = model.stepper as unknown as { steps: number };
  const before = counter.steps;
  const again = await encodePrefix(model, edited, isCheckpoint);
  assert.ok(counter.steps - before <= 41 - 25, `${counter.steps - before} steps after an edit at token 30`);
  assert.notDeepEqual(Array.from(again.logits), Array.from(full.logits));
  // Reading the edited sequence from scratch gives the same state as resuming from the cache.
  model.cache.clear();
  const fresh = await encodePrefix(model, edited, isCheckpoint);
  assert.deepEqual(Array.from(fresh.logits), Array.from(again.logits));
});

test('the cache keeps the most recently used entries within its capacity', () => {
  const cache = new PrefixStateCache(3);
  const entry = { h: new Float32Array(1), c: new Float32Array(1), logits: new Float32Array(1) };
  for (const k of ['a', 'b', 'c']) cache.set(k, entry);
  cache.get('a');
  cache.set('d', entry);
  assert.equal(cache.size, 3);
  assert.ok(cache.has('a') && cache.has('c') && cache.has('d') && !cache.has('b'));
});

test('prefix keys differ for different prefixes and agree for equal ones', () => {
  const a = new PrefixKeys([1, 2, 3, 4]);
  const b = new PrefixKeys([1, 2, 3, 5]);
  assert.equal(a.key(3), b.key(3));
  assert.notEqual(a.key(4), b.key(4));
  assert.notEqual(new PrefixKeys([2, 1]).key(2), new PrefixKeys([1, 2]).key(2));
});

test('the context window keeps the head, starts on a checkpoint, and stays put while typing', () => {
  const cp = (id: number) => id === 9;
  const body = Array.from({ length: 2000 }, (_, i) => (i % 10 === 9 ? 9 : 1));
  const ids = [7, ...body];
  const w = contextWindow(ids, 1, cp, 512);
  assert.equal(w[0], 7);
  assert.ok(w.length <= 512 && w.length >= 256, `window of ${w.length}`);
  assert.equal(ids[ids.length - w.length + 1 - 1], 9, 'the window starts right after a checkpoint');
  const typed = contextWindow([...ids, 1, 1], 1, cp, 512);
  assert.deepEqual(typed.slice(0, w.length), w, 'typing two tokens keeps the window start');
  assert.deepEqual(contextWindow(ids.slice(0, 300), 1, cp, 512), ids.slice(0, 300), 'short documents are read whole');
});

test('without checkpoints the context window is cut by token count, on a grid that stays put while typing', () => {
  const never = () => false;
  const ids = [7, ...Array.from({ length: 100_000 }, (_, i) => i % 50)];
  const w = contextWindow(ids, 1, never, 512);
  assert.ok(w.length <= 512 && w.length > 256, `window of ${w.length}`);
  assert.equal(w[0], 7, 'the head is kept');
  assert.deepEqual(w.slice(1), ids.slice(ids.length - (w.length - 1)), 'the rest is the end of the text');
  const typed = contextWindow([...ids, 1], 1, never, 512);
  assert.deepEqual(typed.slice(0, w.length), w, 'one more token keeps the window start');
});

test('a checkpoint just typed after a long stretch without one does not shrink the window to a few tokens', () => {
  const cp = (id: number) => id === 9;
  const ids = [7, ...new Array<number>(3000).fill(1), 9, 1, 1];
  const w = contextWindow(ids, 1, cp, 512);
  assert.ok(w.length > 256 && w.length <= 512, `window of ${w.length}`);
});
