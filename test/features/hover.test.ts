import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeAbcAt } from '../../src/features/hover/describe-abc';
import { describeSatbAt, framePosition } from '../../src/features/hover/describe-satb';
import { atCursor } from './cursor';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeTiming, parseAbc } from '../../src/abc';

function satb(fixture: string) {
  const { text, offset } = atCursor(fixture);
  return describeSatbAt(text, offset);
}

function abc(fixture: string) {
  const { text, offset } = atCursor(fixture);
  return describeAbcAt(text, offset);
}

const HEAD = '% key: G major, transposed by +5 semitones to C major\n% meter: 3/4\n% pickup: 4\nSTART\n';

test('SATB: a voice token names its voice, spelled pitch, MIDI number and attack', () => {
  const info = satb(`${HEAD}(72,False) (┃67,True) (64,False) (48,False) |||\nEND\n`);
  assert.equal(info?.lines[0], 'Alto: G4 (MIDI 67), held');
  assert.equal(info?.lines[1], 'frame 1 · bar 0, beat 3');
  assert.deepEqual([info?.start, info?.end].map((o) => o !== undefined), [true, true]);
});

test('SATB: spelling follows the key (A minor has a raised leading note G#)', () => {
  const text = '% key: A minor\nSTART\n(69,False) (64,False) (60,False) (┃56,False) |||\nEND\n';
  assert.equal(satb(text)?.lines[0], 'Bass: G#3 (MIDI 56), struck');
});

test('SATB: rests, slots, fermatas and short frames', () => {
  assert.equal(satb(`${HEAD}(72,False) (r) (?) (┃r) |||\nEND`)?.lines[0], 'Bass: rest');
  assert.match(satb(`${HEAD}(72,False) (r) (┃?) (r) |||\nEND`)?.lines[0] ?? '', /^Tenor: slot/);
  assert.match(satb(`${HEAD}(┃.) (72,False) (r) (r) (r) |||\nEND`)?.lines[0] ?? '', /^Fermata/);
  assert.equal(satb(`${HEAD}(72,False) (┃48,False) |||\nEND`)?.lines[0], 'Bass: C3 (MIDI 48), struck');
  assert.equal(satb(`${HEAD}┃\n(72,False) (r) (r) (r) |||\nEND`), undefined);
});

test('frame positions count the pickup as bar 0', () => {
  assert.equal(framePosition(4, '3/4', 4), 'frame 5 · bar 1, beat 1');
  assert.equal(framePosition(10, '3/4', 4), 'frame 11 · bar 1, beat 2 + 2/16');
  assert.equal(framePosition(3, undefined, 0), 'frame 4');
});

const TUNE = 'X:1\nT:T\nM:6/8\nL:1/8\nK:D\n';

test('ABC: a note takes its accidental from the key signature', () => {
  const info = abc(`${TUNE}A┃Bc d2e|\n`);
  assert.match(info?.lines[0] ?? '', /^Note: B4 \(MIDI 71\), eighth note \(1\/8\)/);
  const sharp = abc(`${TUNE}AB┃c d2e|\n`);
  assert.match(sharp?.lines[0] ?? '', /^Note: C#5 \(MIDI 73\)/);
  assert.match(sharp?.lines[1] ?? '', /key signature/);
});

test('ABC: written accidentals hold until the bar line; lengths multiply L', () => {
  assert.match(abc(`${TUNE}=c2 ┃c d|c3|\n`)?.lines[0] ?? '', /^Note: C5 \(MIDI 72\), eighth/);
  assert.match(abc(`${TUNE}=c2 c d|┃c3|\n`)?.lines[0] ?? '', /^Note: C#5 \(MIDI 73\), dotted quarter note \(3\/8\)/);
  assert.match(abc(`${TUNE}d2┃e ^f'2 g|\n`)?.lines[0] ?? '', /^Note: E5/);
  assert.match(abc(`${TUNE}d2e ┃^f'2 g|\n`)?.lines[0] ?? '', /^Note: F#6 \(MIDI 90\), quarter note/);
  assert.match(abc(`${TUNE}d2e ^f'2 g|┃z3|\n`)?.lines[0] ?? '', /^Rest, dotted quarter/);
});

test('ABC: a tie carries the accidental over the bar line, a bar line ends it otherwise', () => {
  const C = 'X:1\nM:6/8\nL:1/8\nK:C\n';
  assert.match(abc(`${C}e3 ^c3-|┃c3 d3|\n`)?.lines[0] ?? '', /^Note: C#5 \(MIDI 73\)/);
  assert.match(abc(`${C}e3 ^c3|┃c3 d3|\n`)?.lines[0] ?? '', /^Note: C5 \(MIDI 72\)/);
  assert.match(abc(`${C}^c3 ┃c3|\n`)?.lines[1] ?? '', /earlier in the bar/);
});

test('ABC: in a tunebook, hover names the note under the cursor in every tune, at its place in the file, with a file header before the tunes', () => {
  const book = readFileSync(join(__dirname, '..', 'fixtures', 'tunebooks', 'handmade-tunebook.abc'), 'utf8');
  // A file header (read by every tune) and the tunebook twice over, so that tunes sit far into the file.
  const text = `%abc-2.1\nI:abc-charset utf-8\n\n${book}\n${book}`;
  const tunes = parseAbc(text).tunes;
  assert.ok(tunes.length >= 24);
  let checked = 0;
  for (const tune of tunes) {
    const notes = analyzeTiming(tune).events.map((e) => e.element).filter((el) => el.kind === 'note');
    for (const el of [notes[0], notes[Math.floor(notes.length / 2)], notes[notes.length - 1]]) {
      if (el?.kind !== 'note') continue;
      const info = describeAbcAt(text, el.note.start);
      assert.ok(info, `${tune.title}: a note at ${el.note.start}`);
      assert.deepEqual([info.start, info.end], [el.note.start, el.note.end], `${tune.title}: ${text.slice(el.note.start, el.note.end)}`);
      assert.match(info.lines[0], /^Note: /);
      checked++;
    }
  }
  assert.ok(checked >= 60, `${checked} notes`);
});
