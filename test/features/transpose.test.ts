import { test } from 'node:test';
import assert from 'node:assert/strict';
import { intervalChoices, transposeScope } from '../../src/features/transpose/choices';
import { parseKey } from '../../src/music/key';

const FILE = 'X:1\nT:One\nK:D\nDFA d2|\n\nFree text\n\nX:2\nT:Two\nK:G\nGBd g2|\n';

test('the tune under the cursor, the selection, or nothing in free text', () => {
  const inTwo = FILE.indexOf('GBd');
  assert.deepEqual(transposeScope(FILE, inTwo, inTwo), { options: { tune: 1 }, what: '"Two"', tuneKeyText: 'G' });
  assert.equal(transposeScope(FILE, FILE.indexOf('Free'), FILE.indexOf('Free')), undefined);
  const sel = transposeScope(FILE, FILE.indexOf('DFA'), FILE.indexOf('DFA') + 3);
  assert.deepEqual(sel, { options: { range: { start: FILE.indexOf('DFA'), end: FILE.indexOf('DFA') + 3 } }, what: 'the selection', tuneKeyText: 'D' });
});

test('interval choices name the key each leads to', () => {
  const choices = intervalChoices(parseKey('Dm').key);
  assert.deepEqual(choices.slice(0, 2).map((c) => [c.label, c.description]), [['Up a whole tone (+2)', '→ K:Em'], ['Down a whole tone (-2)', '→ K:Cm']]);
  assert.equal(new Set(choices.map((c) => c.semitones)).size, 16);
});
