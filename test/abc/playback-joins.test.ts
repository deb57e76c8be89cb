import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseAbc } from '../../src/abc';
import { abcVoiceToFrames } from '../../src/abc/frames';
import { playbackJoins } from '../../src/abc/playback-joins';

const joinsOf = (body: string) => {
  const melody = abcVoiceToFrames(parseAbc(`X:1\nM:4/4\nL:1/4\nK:G\n${body}\n`).tunes[0]);
  return playbackJoins(melody.barLines, melody.finalBarLine, melody.frames.length);
};

test('a repeat goes back to its part start, or to the tune start without |:', () => {
  // Bars of 16 frames.
  assert.deepEqual(joinsOf('GABc | d4 :| e4 | f4 |]'), [{ from: 31, to: 0 }]);
  assert.deepEqual(joinsOf('GABc || |: d4 | e4 :| f4 |]'), [{ from: 47, to: 16 }]);
  assert.deepEqual(joinsOf('|: GABc | d4 :: e4 | f4 :|'), [{ from: 31, to: 0 }, { from: 63, to: 32 }]);
});

test('endings: the first ending goes back to the part start, the second time through leads from before [1 into [2', () => {
  assert.deepEqual(joinsOf('|: GABc | d4 |1 e4 :|2 f4 |]'), [{ from: 47, to: 0 }, { from: 31, to: 48 }]);
  assert.deepEqual(joinsOf('GABc |: d4 |[1 e4 :|[2 f4 |]'), [{ from: 47, to: 16 }, { from: 31, to: 48 }]);
});

test('an inline field at a bar line is neither a repeat nor an ending: a meter change, a part label', () => {
  assert.deepEqual(joinsOf('|: GABc | [M:2/4] d2 | [M:4/4] e4 |[1 f4 :|[2 [P:B] g4 |]'), [{ from: 55, to: 0 }, { from: 39, to: 56 }]);
  assert.deepEqual(joinsOf('GABc | [P:B] d4 | e4 |]'), []);
});

test('a tune without repeats has no joins', () => {
  assert.deepEqual(joinsOf('GABc | d4 | e4 | f4 |]'), []);
});
