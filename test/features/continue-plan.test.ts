import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { continuationText, planContinue, CONTINUE_BARS } from '../../src/features/continue/plan';
import { complete } from '../../src/model';
import { fakeModel, satbTestVocab } from '../model/helpers/fake-model';
import { atCursor } from './cursor';

const ABC_VOCAB: string[] = JSON.parse(readFileSync(join(__dirname, '..', 'model', 'fixtures', 'abc-vocab.json'), 'utf8'));

function cursorOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, column: before[before.length - 1].length };
}

test('continuing an ABC tune asks for a few bars and the engine writes that many', async () => {
  const { text, offset } = atCursor('X:1\nM:4/4\nL:1/8\nK:D\nDEFG ABcd|┃');
  const plan = planContinue('abc', text, offset);
  assert.ok('request' in plan);
  assert.deepEqual(plan.request, { maxBars: CONTINUE_BARS - 1 });
  const { model } = fakeModel('abc', ABC_VOCAB);
  const suggestions = await complete(model, text, cursorOf(text, offset), { n: 2, ...plan.request });
  const out = continuationText(text, offset, suggestions.map((s) => s.text));
  assert.ok(out);
  assert.equal(out.match(/\|+\]?/g)?.length, CONTINUE_BARS, out);
  assert.match(out, /\|\]?$/, 'cut right after a bar line');
});

test('continuing a chorale asks for the frames of two bars of its meter and starts a new line', async () => {
  const { text, offset } = atCursor('% meter: 3/4\nSTART\n(72,False) (67,False) (64,False) (48,False) |||┃\nEND\n');
  const plan = planContinue('satb', text, offset);
  assert.ok('request' in plan);
  assert.deepEqual(plan.request, { maxFrames: 24 });
  const { model } = fakeModel('satb', satbTestVocab());
  const suggestions = await complete(model, text, cursorOf(text, offset), { n: 1, ...plan.request });
  const out = continuationText(text, offset, suggestions.map((s) => s.text));
  assert.ok(out);
  assert.match(out, /^\n\(/, 'the next frame starts a new line');
  assert.equal(out.split('|||').length - 1, 24, out);
  assert.doesNotMatch(out, /\bEND\b/);
});

test('a cursor in the header or a comment is refused with a reason', () => {
  const header = atCursor('X:1\nT:Tit┃');
  const plan = planContinue('abc', header.text, header.offset);
  assert.ok('problem' in plan && /field line/.test(plan.problem));
});
