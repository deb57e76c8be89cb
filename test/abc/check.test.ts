import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkAbc } from '../../src/abc/check';
import { analyzeTiming } from '../../src/abc/timing';
import { parseAbc } from '../../src/abc/parse';
import { fixture } from './helpers';

const barWarnings = (text: string) => checkAbc(text).filter((d) => d.code === 'abc.bar-length');

test('planted fixture: the bar that is too long is reported at its line:col, the triplet and broken-rhythm bars are not', () => {
  const text = fixture('bar-lengths.abc');
  const found = barWarnings(text);
  assert.equal(found.length, 1);
  const d = found[0];
  assert.equal(d.severity, 'warning');
  assert.deepEqual([d.range.start.line + 1, d.range.start.column + 1], [6, 11]);
  assert.equal(text.slice(d.range.start.offset, d.range.end.offset), 'GABc d2e2 f2|');
  assert.equal(d.message, 'bar is 5/4 long but M:4/4 needs 4/4 (too long)');
});

test('pickups, endings and a pickup in the second part are accepted', () => {
  assert.deepEqual(barWarnings(fixture('pickups.abc')), []);
});

test('short bars in the middle, and a last bar that does not complete the pickup, are reported', () => {
  const text = 'X:1\nM:3/4\nL:1/4\nK:C\nC|DEF|GA|Bcd|e|]\n';
  const found = barWarnings(text).map((d) => text.slice(d.range.start.offset, d.range.end.offset));
  assert.deepEqual(found, ['GA|', 'e|]']);
});

test('durations: unit length, tuplets, broken rhythm, chords, grace notes, multi-measure rests', () => {
  const text = 'X:1\nM:4/4\nL:1/8\nK:C\n(3ABc (3:2:2d2e [CEG]2 {g}a>b|Z2|[L:1/4]c>>d e2|\n';
  const { events, bars } = analyzeTiming(parseAbc(text).tunes[0]);
  assert.deepEqual(events.map((e) => e.duration.toString()), ['1/12', '1/12', '1/12', '1/6', '1/12', '1/4', '3/16', '1/16', '2', '7/16', '1/16', '1/2']);
  assert.deepEqual(bars.map((b) => b.duration.toString()), ['1', '2', '1']);
  assert.deepEqual(barWarnings(text), []);
});

test('free meter and meter changes', () => {
  assert.deepEqual(barWarnings('X:1\nM:none\nK:C\nABCDEFG|AB|\n'), []);
  const text = 'X:1\nM:3/4\nL:1/4\nK:C\nABC|\nM:2/4\nAB|[M:3/4]ABC|ABC|]\n';
  const found = barWarnings(text).map((d) => text.slice(d.range.start.offset, d.range.end.offset));
  assert.deepEqual(found, []);
  const wrong = 'X:1\nM:3/4\nL:1/4\nK:C\nABC|\nM:2/4\nABC|AB|]\n';
  assert.deepEqual(barWarnings(wrong).map((d) => wrong.slice(d.range.start.offset, d.range.end.offset)), ['ABC|']);
});

test('voices are measured separately', () => {
  const text = 'X:1\nM:2/4\nL:1/4\nK:C\nV:1\nAB|cd|\nV:2\nA2|c|]\n';
  const found = barWarnings(text).map((d) => [d.range.start.line, text.slice(d.range.start.offset, d.range.end.offset)]);
  assert.deepEqual(found, [[7, 'c|]']]);
});

test('broken rhythm without a note is reported', () => {
  const d = checkAbc('X:1\nM:2/4\nL:1/4\nK:C\n>A B|\n').filter((x) => x.code === 'abc.broken');
  assert.equal(d.length, 1);
  assert.deepEqual([d[0].range.start.line, d[0].range.start.column], [4, 0]);
});

test('a four-voice ABC tune gets the voice-leading checks of a chorale, at the notes concerned; other tunes do not', () => {
  const four = 'X:1\nT:Fifths\nM:4/4\nL:1/4\nK:G\nV:S\nd e d2|]\nV:A\nB c B2|]\nV:T\nG, A, G,2|]\nV:B\nG,, A,, G,,2|]\n';
  const found = checkAbc(four).filter((d) => d.code?.startsWith("vl.") === true);
  const parallel = found.find((d) => d.code === 'vl.parallel-octaves' || d.code === 'vl.parallel-fifths');
  assert.ok(parallel, JSON.stringify(found));
  assert.match(parallel!.message, /between the \w+ and the \w+|between \w+ and \w+/);
  assert.ok(!/frames? \d/.test(parallel!.message), parallel!.message);
  assert.equal(four.slice(parallel!.range.start.offset, parallel!.range.end.offset).length > 0, true);
  const two = 'X:1\nT:Two\nM:4/4\nL:1/4\nK:G\nV:1\nd e d2|]\nV:2\nG, A, G,2|]\n';
  assert.deepEqual(checkAbc(two).filter((d) => d.code?.startsWith("vl.") === true), []);
});
