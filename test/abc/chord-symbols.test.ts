import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chordLabelsPerFrame, parseChordSymbol } from '../../src/abc/chord-symbols';
import { barSixteenths, harmonicBeat, harmonicStrikes, positionsFromBarLines } from '../../src/abc/harmonic-rhythm';
import { parseAbc } from '../../src/abc';

test('chord symbols read as root, quality and slash bass; annotations and unknown symbols as none', () => {
  const cases: [string, unknown][] = [
    ['G', { root: 7, quality: 'maj' }],
    ['D7', { root: 2, quality: 'dom7' }],
    ['Em', { root: 4, quality: 'min' }],
    ['F#m', { root: 6, quality: 'min' }],
    ['Bm7b5', { root: 11, quality: 'hdim7' }],
    ['Gdim', { root: 7, quality: 'dim' }],
    ['Bbmaj7', { root: 10, quality: 'maj7' }],
    ['Am7', { root: 9, quality: 'min7' }],
    ['A7/C#', { root: 9, quality: 'dom7', bass: 1 }],
    ['D/F#', { root: 2, quality: 'maj', bass: 6 }],
    ['D/f+', { root: 2, quality: 'maj', bass: 6 }],
    ['Gm/bb', { root: 7, quality: 'min', bass: 10 }],
    ['Ad', { root: 9, quality: 'dim' }],
    ['C6', { root: 0, quality: 'maj' }],
    ['(Em)', { root: 4, quality: 'min' }],
    ['Em (A)', { root: 4, quality: 'min' }],
    ['C (Em)', { root: 0, quality: 'maj' }],
    ['D m', { root: 2, quality: 'min' }],
    ['Bb 7', { root: 10, quality: 'dom7' }],
    ['Variation A', undefined],
    ['Coda', undefined],
    ['Asus', undefined],
    [' ', undefined],
    ['Gsus4', undefined],
    ['G5', undefined],
    ['N.C.', undefined],
    ['^intro', undefined],
  ];
  for (const [text, label] of cases) assert.deepEqual(parseChordSymbol(text), label, text);
});

test('a chord symbol holds until the next; an unknown one leaves no label; labels move to the search key', () => {
  const labels = chordLabelsPerFrame([{ frame: 0, text: '"G"' }, { frame: 4, text: '"^x""D7"' }, { frame: 8, text: '"Gsus4"' }, { frame: 10, text: '"^only"' }], 12, 5);
  assert.deepEqual(labels.slice(0, 4), new Array(4).fill({ root: 0, quality: 'maj' }));
  assert.deepEqual(labels.slice(4, 8), new Array(4).fill({ root: 7, quality: 'dom7' }));
  assert.deepEqual(labels.slice(8), [undefined, undefined, undefined, undefined]);
});

const meter = (text: string) => parseAbc(`X:1\nM:${text}\nL:1/8\nK:C\nC|]\n`).tunes[0].meter;

test('the harmonic beat follows the meter: dotted quarters in 6/8 and 9/8, halves in 3/2 and 2/2, half bars in a 4/4 accompaniment', () => {
  assert.equal(harmonicBeat(meter('6/8'), 'accompaniment'), 6);
  assert.equal(harmonicBeat(meter('9/8'), 'accompaniment'), 6);
  assert.equal(harmonicBeat(meter('12/8'), 'chorale'), 6);
  assert.equal(harmonicBeat(meter('3/2'), 'accompaniment'), 8);
  assert.equal(harmonicBeat(meter('C|'), 'accompaniment'), 8);
  assert.equal(harmonicBeat(meter('4/4'), 'accompaniment'), 8);
  assert.equal(harmonicBeat(meter('4/4'), 'chorale'), 4);
  assert.equal(harmonicBeat(meter('3/4'), 'accompaniment'), 4);
  assert.equal(harmonicBeat(meter('2/4'), 'accompaniment'), 4);
  assert.equal(barSixteenths(meter('6/8')), 12);
});

test('positions count from the bar lines: a pickup ends with its bar, a bar split by a repeat sign is completed by the pickup after it', () => {
  // 6/8: a one-eighth pickup, two bars, a bar cut short at the repeat (10 sixteenths), a pickup of 2, a last bar.
  const positions = positionsFromBarLines(2 + 12 + 12 + 10 + 2 + 12, [2, 14, 26, 36, 38], 12);
  assert.deepEqual(positions.slice(0, 3), [10, 11, 0]);
  assert.equal(positions[26], 0);
  assert.equal(positions[35], 9);
  assert.deepEqual(positions.slice(36, 39), [10, 11, 0]);
  const strikes = harmonicStrikes(positions, 6);
  assert.deepEqual(strikes.map((s, f) => (s ? f : -1)).filter((f) => f >= 0), [0, 2, 8, 14, 20, 26, 32, 38, 44]);
});

test('strikes fall at every chord change too, off the beat included', () => {
  const C = { root: 0, quality: 'maj' as const };
  const G = { root: 7, quality: 'maj' as const };
  const chords = [C, C, C, C, C, G, G, G];
  const strikes = harmonicStrikes([0, 1, 2, 3, 4, 5, 6, 7], 4, chords);
  assert.deepEqual(strikes, [true, false, false, false, true, true, false, false]);
});
