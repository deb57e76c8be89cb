import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  dropRepeatOfSuffix, limitBars, limitFrames, postProcess, separateFromPrefix, stopAtEnd, trimTrailingSpaces,
  type FilterContext,
} from '../../src/features/completion/filters';
import { atCursor } from './cursor';

function ctx(fixture: string, extra: Partial<FilterContext> = {}): FilterContext {
  const { text, offset } = atCursor(fixture);
  const language = /START/.test(text) ? 'satb' : 'abc';
  return { language, prefix: text.slice(0, offset), suffix: text.slice(offset), ...extra };
}

const TUNE = 'X:1\nT:Test\nM:6/8\nL:1/8\nK:G\nGAB ┃';
const CHORALE = '% meter: 4/4\nSTART\n(72,False) (67,False) (64,False) (48,False) |||┃\nEND\n';

test('limitBars keeps the requested number of bars, cutting right after a bar line', () => {
  assert.equal(limitBars('c2d|e2f|g3|', ctx(TUNE, { maxBars: 2 })), 'c2d|e2f|');
  assert.equal(limitBars('c2d:|e2f|', ctx(TUNE, { maxBars: 1 })), 'c2d:|');
  assert.equal(limitBars('c2d', ctx(TUNE, { maxBars: 1 })), 'c2d');
});

test('limitBars ignores bar characters inside chord symbols and decorations', () => {
  assert.equal(limitBars('"A|B"c2d|e', ctx(TUNE, { maxBars: 1 })), '"A|B"c2d|');
});

test('limitFrames keeps whole frames', () => {
  const two = '\n(72,True) (67,True) (64,True) (48,True) |||\n(74,False) (67,True) (65,False) (47,False) |||\n';
  assert.equal(limitFrames(two, ctx(CHORALE, { maxFrames: 1 })), '\n(72,True) (67,True) (64,True) (48,True) |||');
});

test('stopAtEnd drops END when the document already ends, and anything after END', () => {
  assert.equal(stopAtEnd(' (r) (r) (r) (r) |||\nEND\n', ctx(CHORALE)), ' (r) (r) (r) (r) |||\n');
  const open = ctx('START\n(72,False) (67,False) (64,False) (48,False) |||┃');
  assert.equal(stopAtEnd('\nEND\nSTART', open), '\nEND');
});

test('trimTrailingSpaces removes spaces before line ends and line breaks at the end', () => {
  assert.equal(trimTrailingSpaces('a b  \nc ', ctx(TUNE)), 'a b\nc');
  assert.equal(trimTrailingSpaces('\n(72,True) (r) (r) (r) |||\n', ctx(CHORALE)), '\n(72,True) (r) (r) (r) |||');
});

test('dropRepeatOfSuffix drops text that is already after the cursor', () => {
  assert.equal(dropRepeatOfSuffix('c2d|', ctx('K:C\nab┃ c2d|e')), undefined);
  assert.equal(dropRepeatOfSuffix('e2d|', ctx('K:C\nab┃ c2d|e')), 'e2d|');
});

test('separateFromPrefix puts the next frame on its own line, and spaces between tokens', () => {
  assert.equal(separateFromPrefix('(72,True) (r) (r) (r) |||', ctx(CHORALE)), '\n(72,True) (r) (r) (r) |||');
  assert.equal(separateFromPrefix('(67,False) (64,False) (48,False) |||', ctx('START\n(72,False)┃')), ' (67,False) (64,False) (48,False) |||');
  assert.equal(separateFromPrefix('abc', ctx(TUNE)), 'abc');
});

test('postProcess runs the pipeline and removes duplicates and blanks', () => {
  const c = ctx(TUNE, { maxBars: 1 });
  assert.deepEqual(postProcess(['c2d|e', 'c2d|f', '   ', 'B2A|'], c), ['c2d|', 'B2A|']);
});
