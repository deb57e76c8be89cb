import { test } from 'node:test';
import assert from 'node:assert/strict';
import { continuationText, planContinue, CONTINUE_BARS } from '../../src/features/continue/plan';
import { atCursor } from './cursor';

test('continuing an ABC tune asks for a few bars and keeps that many bar lines', () => {
  const { text, offset } = atCursor('X:1\nM:4/4\nL:1/8\nK:D\nDEFG ABcd|┃');
  const plan = planContinue('abc', text, offset);
  assert.ok('request' in plan);
  assert.deepEqual(plan.request, { maxBars: CONTINUE_BARS - 1 });
  const out = continuationText('abc', text, offset, ['e2e2|f2f2|g2g2|a2a2|b2b2|'], plan.request);
  assert.equal(out, 'e2e2|f2f2|g2g2|a2a2|');
});

test('continuing a chorale asks for the frames of two bars of its meter and starts a new line', () => {
  const { text, offset } = atCursor('% meter: 3/4\nSTART\n(72,False) (67,False) (64,False) (48,False) |||┃\nEND\n');
  const plan = planContinue('satb', text, offset);
  assert.ok('request' in plan);
  assert.deepEqual(plan.request, { maxFrames: 24 });
  assert.equal(continuationText('satb', text, offset, ['(72,True) (67,True) (64,True) (48,True) |||'], plan.request), '\n(72,True) (67,True) (64,True) (48,True) |||');
});

test('a cursor in the header or a comment is refused with a reason', () => {
  const header = atCursor('X:1\nT:Tit┃');
  const plan = planContinue('abc', header.text, header.offset);
  assert.ok('problem' in plan && /field line/.test(plan.problem));
});
