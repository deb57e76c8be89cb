import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dropRepeatOfSuffix, postProcess, trimTrailingSpaces, type FilterContext } from '../../src/features/completion/filters';
import { atCursor } from './cursor';

function ctx(fixture: string): FilterContext {
  const { text, offset } = atCursor(fixture);
  return { suffix: text.slice(offset) };
}

const TUNE = 'X:1\nT:Test\nM:6/8\nL:1/8\nK:G\nGAB ┃';
const CHORALE = '% meter: 4/4\nSTART\n(72,False) (67,False) (64,False) (48,False) |||┃\nEND\n';

test('trimTrailingSpaces removes spaces before line ends and line breaks at the end', () => {
  assert.equal(trimTrailingSpaces('a b  \nc ', ctx(TUNE)), 'a b\nc');
  assert.equal(trimTrailingSpaces('\n(72,True) (r) (r) (r) |||\n', ctx(CHORALE)), '\n(72,True) (r) (r) (r) |||');
});

test('dropRepeatOfSuffix drops text that is already after the cursor', () => {
  assert.equal(dropRepeatOfSuffix('c2d|', ctx('K:C\nab┃ c2d|e')), undefined);
  assert.equal(dropRepeatOfSuffix('e2d|', ctx('K:C\nab┃ c2d|e')), 'e2d|');
});

test('postProcess runs the pipeline and removes duplicates and blanks', () => {
  // Bars and frames are the engine's to limit (test/model/complete-*.test.ts): the editor keeps what it is given.
  assert.deepEqual(postProcess(['c2d|e2f|', 'c2d|e2f|  ', '   ', 'B2A|'], ctx(TUNE)), ['c2d|e2f|', 'B2A|']);
});
