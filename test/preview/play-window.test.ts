import { test } from 'node:test';
import assert from 'node:assert/strict';
import { playWindow, type TimedChars } from '../../webview/play-window';

// `ab cd|` at 0, 250, 500, 750 ms; characters 0-1, 1-2, 3-4, 4-5; a bar event and the end between.
const EVENTS: TimedChars[] = [
  { milliseconds: 0, type: 'event', startCharArray: [0], endCharArray: [1] },
  { milliseconds: 250, type: 'event', startCharArray: [1], endCharArray: [2] },
  { milliseconds: 500, type: 'event', startCharArray: [3], endCharArray: [4] },
  { milliseconds: 750, type: 'event', startCharArray: [4], endCharArray: [5] },
  { milliseconds: 1000, type: 'end' },
];

test('play from the cursor starts at the note the cursor is in, or the next one written', () => {
  assert.deepEqual(playWindow(EVENTS, 3), { startMs: 500 });
  assert.deepEqual(playWindow(EVENTS, 2), { startMs: 250 }, 'just after a note is still that note');
  assert.deepEqual(playWindow([EVENTS[0], { milliseconds: 400, startChar: 10, endChar: 12 }], 5), { startMs: 400 });
  assert.equal(playWindow(EVENTS, 9), undefined);
});

test('play the selection stops when its last note has sounded', () => {
  assert.deepEqual(playWindow(EVENTS, 1, 4), { startMs: 250, endMs: 750 });
  assert.deepEqual(playWindow(EVENTS, 0, 5), { startMs: 0 }, 'a selection to the last note plays to the end');
  // A repeat: the same characters sound again later; the selection plays once.
  const repeated = [...EVENTS.slice(0, 4), { milliseconds: 1000, startCharArray: [0], endCharArray: [1] }, { milliseconds: 1250, startCharArray: [1], endCharArray: [2] }];
  assert.deepEqual(playWindow(repeated, 1, 4), { startMs: 250, endMs: 750 });
});

test('several voices: an event holds the notes of each voice that start together', () => {
  const events: TimedChars[] = [
    { milliseconds: 0, startCharArray: [0, 20], endCharArray: [1, 22] },
    { milliseconds: 500, startCharArray: [2, 23], endCharArray: [3, 25] },
  ];
  assert.deepEqual(playWindow(events, 23), { startMs: 500 });
});
