import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  applyReplacement, describeAlternative, harmonizeTarget, isStale, minimalEdit,
} from '../../src/features/harmonize/text-edit';

const BEFORE = '% title: x\nSTART\n(72,False) (?) (?) (?) |||\n% keep me\n(74,False) (?) (?) (?) |||\nEND\n';
const AFTER = '% title: x\nSTART\n(72,False) (67,False) (64,False) (48,False) |||\n% keep me\n(74,False) (65,False) (62,False) (47,False) |||\nEND\n';

test('the replacement covers only the changed region and reproduces the new text', () => {
  const edit = minimalEdit(BEFORE, AFTER)!;
  assert.equal(BEFORE.slice(0, edit.start), '% title: x\nSTART\n(72,False) (');
  assert.ok(edit.end <= BEFORE.lastIndexOf('|||'), 'the text after the last change is not replaced');
  assert.equal(applyReplacement(BEFORE, edit), AFTER);
});

test('equal texts need no edit', () => {
  assert.equal(minimalEdit('abc', 'abc'), undefined);
});

test('any pair of texts: applying the edit gives the new text', () => {
  fc.assert(
    fc.property(fc.string(), fc.string(), fc.string(), fc.string(), (common1, a, b, common2) => {
      const before = common1 + a + common2;
      const after = common1 + b + common2;
      const edit = minimalEdit(before, after);
      assert.equal(edit ? applyReplacement(before, edit) : before, after);
    }),
    { numRuns: 300 },
  );
});

test('a result for an older version is stale', () => {
  assert.equal(isStale(3, 3), false);
  assert.equal(isStale(3, 4), true);
});

test('empty selection: the voice under the cursor in ABC, every slot in a chorale', () => {
  assert.deepEqual(harmonizeTarget('abc', { start: 7, end: 7 }), { start: 7, end: 7 });
  assert.equal(harmonizeTarget('satb', { start: 7, end: 7 }), undefined);
  assert.deepEqual(harmonizeTarget('satb', { start: 9, end: 2 }), { start: 2, end: 9 });
});

test('alternatives are described by likelihood and the first changed line', () => {
  const d = describeAlternative(BEFORE, AFTER, -12.345, 0);
  assert.equal(d.label, '1. log p = -12.35 (best)');
  assert.match(d.detail, /^line 3: /);
});
