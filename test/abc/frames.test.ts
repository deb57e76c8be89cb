import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkBarLengths } from '../../src/abc/check';
import { abcVoiceToFrames } from '../../src/abc/frames';
import { framesToAbcVoices } from '../../src/abc/frames-to-abc';
import { parseAbc } from '../../src/abc/parse';
import type { Frame, VoiceEntry } from '../../src/satb/types';
import { nottinghamFiles } from './helpers';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const abcjs = require('abcjs') as { parseOnly(text: string): { warnings?: string[] }[] };

const soprano = (frames: Frame[]) => frames.map((f) => [f.voices[0], f.fermata]);
const tuneOf = (text: string) => parseAbc(text).tunes[0];

test('a melody becomes sixteenth frames in C major, with holds, rests, fermatas and slots', () => {
  const text = 'X:1\nM:3/4\nL:1/8\nK:D\nA2|d3 e dc|Hd4 z2|]\n';
  const r = abcVoiceToFrames(tuneOf(text));
  assert.equal(r.semitones, -2);
  assert.equal(r.pickup, 4);
  assert.equal(r.frames.length, 4 + 12 + 12);
  const note = (pitch: number, held: boolean): VoiceEntry => ({ kind: 'note', pitch, held });
  assert.deepEqual(r.frames[0].voices, [note(67, false), { kind: 'slot' }, { kind: 'slot' }, { kind: 'slot' }]);
  assert.deepEqual(r.frames[1].voices[0], note(67, true));
  assert.deepEqual(r.frames[4].voices[0], note(72, false));
  assert.deepEqual(r.frames[10].voices[0], note(74, false), 'e (76) - 2');
  assert.deepEqual(r.frames[14].voices[0], note(71, false), 'c# (73) - 2');
  assert.ok(r.frames.slice(16, 24).every((f) => f.fermata && f.voices[0].kind === 'note'));
  assert.ok(r.frames.slice(24).every((f) => !f.fermata && f.voices[0].kind === 'rest'));
  // Each frame points back at its note; frame 10 is the `e`.
  assert.equal(text.slice(r.sources[10]!.start, r.sources[10]!.end), 'e');
  assert.deepEqual(r.frames[10].range?.start, { line: 4, column: 6, offset: text.indexOf(' e ') + 1 });
});

test('minor keys go to A minor by the smaller move; ties hold across bar lines', () => {
  const r = abcVoiceToFrames(tuneOf('X:1\nM:2/4\nL:1/8\nK:Em\nE4-|E2 !fermata!B2|]\n'));
  assert.equal(r.semitones, 5);
  assert.deepEqual(r.frames.map((f) => (f.voices[0].kind === 'note' ? (f.voices[0].held ? '-' : f.voices[0].pitch) : 'r')).join(' '), '69 - - - - - - - - - - - 76 - - -');
  assert.ok(r.frames[12].fermata && !r.frames[11].fermata);
});

test('tuplets and very short notes are rounded with a warning at their range', () => {
  const text = 'X:1\nM:2/4\nL:1/8\nK:C\n(3cde f2 g/8a7/8 b|]\n';
  const r = abcVoiceToFrames(tuneOf(text));
  assert.equal(r.frames.length, 12);
  const warned = r.diagnostics.map((d) => text.slice(d.range.start.offset, d.range.end.offset));
  assert.deepEqual(warned, ['c', 'd', 'e', 'g/8', 'a7/8']);
  assert.match(r.diagnostics[3].message, /shorter than a sixteenth/);
});

test('one voice of several is chosen by id', () => {
  const text = 'X:1\nM:2/4\nL:1/4\nK:C\nV:1\nc d|\nV:2\nC, E,|\n';
  assert.deepEqual(abcVoiceToFrames(tuneOf(text), '2').frames.map((f) => f.voices[0].kind === 'note' && f.voices[0].pitch)[4], 52);
  assert.equal(abcVoiceToFrames(tuneOf(text)).voice, '1');
});

test("the melody's opening repeat, endings and line breaks are read (a line continued by a backslash does not break)", () => {
  const text = 'X:1\nM:2/4\nL:1/8\nK:C\n|:cd ef|g4|\\\nge dc|\n[1 c4:|\n[2 c2 z2|]\n';
  const r = abcVoiceToFrames(tuneOf(text));
  assert.equal(r.openingBarLine, '|:');
  assert.deepEqual(r.barLines, [{ frame: 8, text: '|' }, { frame: 16, text: '|' }, { frame: 24, text: '|[1' }, { frame: 32, text: ':|[2' }]);
  assert.equal(r.finalBarLine, '|]');
  assert.deepEqual(r.lineBreaks, [24, 32]);
  // Each voice written from frames takes the same bars and lines; the ending starts its line.
  const out = framesToAbcVoices(r.frames.map((f) => ({ ...f, voices: [f.voices[0], f.voices[0], f.voices[0], f.voices[0]] })), r);
  assert.match(out, /V:A\n\|:cd ef\|g4\|ge dc\|\n\[1 c4:\|\n\[2 c2 z2\|\]\n/);
  assert.deepEqual(abcjs.parseOnly(out)[0].warnings ?? [], []);
});

test('four voices back to ABC: score directive, clefs, the tune key, tied long notes', () => {
  const r = abcVoiceToFrames(tuneOf('X:1\nT:T\nM:3/4\nL:1/8\nK:G\nD2|G6-|G2 B4|]\n'));
  const frames = r.frames.map((f) => ({ ...f, voices: [f.voices[0], f.voices[0], { kind: 'rest' as const }, f.voices[0].kind === 'note' ? { ...f.voices[0], pitch: f.voices[0].pitch - 24 } : f.voices[0]] }));
  const out = framesToAbcVoices(frames, { ...r, title: 'T' });
  assert.equal(
    out,
    'X:1\nT:T\nM:3/4\nL:1/8\n%%score (S A) (T B)\nV:S clef=treble\nV:A clef=treble\nV:T clef=bass\nV:B clef=bass\nK:G\n' +
      'V:S\nD2|G6-|G2 B4|]\nV:A\nD2|G6-|G2 B4|]\nV:T\nz2|z6|z6|]\nV:B\nD,,2|G,,6-|G,,2 B,,4|]\n',
  );
  assert.deepEqual(abcjs.parseOnly(out)[0].warnings ?? [], []);
  // Without the source's bar lines, bars come from meter and pickup; notes that cross them are tied.
  const plain = framesToAbcVoices(frames.slice(2), { ...r, barLines: undefined, pickup: 2 });
  assert.match(plain, /V:S\nD|G6-\|G2 B4\|\]/);
  const shifted = framesToAbcVoices(frames, { ...r, barLines: undefined, pickup: 0 });
  assert.match(shifted, /V:S\nD2 G4-\|G4 B2-\|B2\|\]/);
});

test('Nottingham: every tune to frames and back (soprano identical; abcjs without warnings on a sample)', () => {
  let checked = 0;
  for (const f of nottinghamFiles()) {
    parseAbc(f.text).tunes.forEach((tune, k) => {
      const where = `${f.name}#${k + 1}`;
      const r = abcVoiceToFrames(tune);
      const frames = r.frames.map((fr) => ({ ...fr, voices: [fr.voices[0], fr.voices[0], { kind: 'rest' as const }, fr.voices[0]] }));
      const out = framesToAbcVoices(frames, { ...r, title: tune.title });
      const again = parseAbc(out);
      assert.deepEqual(again.diagnostics.filter((d) => d.severity === 'error'), [], where);
      const back = abcVoiceToFrames(again.tunes[0], 'S');
      assert.ok(JSON.stringify(soprano(back.frames)) === JSON.stringify(soprano(r.frames)), `${where}: soprano differs`);
      // The output's bars are the melody's bars: no bar-length finding that the source does not have.
      const sourceFindings = checkBarLengths(tune).filter((d) => d.code === 'abc.bar-length').length;
      const outFindings = checkBarLengths(again.tunes[0]).filter((d) => d.code === 'abc.bar-length' && d.end <= out.indexOf('\nV:A\n')).length;
      assert.ok(outFindings <= sourceFindings, `${where}: ${outFindings} bar findings in the output, ${sourceFindings} in the source`);
      if (k % 6 === 0) {
        assert.deepEqual(abcjs.parseOnly(out)[0].warnings ?? [], [], where);
        checked++;
      }
    });
  }
  assert.ok(checked > 150);
});

test('a breve is one note; a breve rest is a dotted whole and a half, as abcjs has no breve-rest glyph', () => {
  const r = abcVoiceToFrames(tuneOf('X:1\nM:4/2\nL:1/16\nK:C\nc32|z32|]\n'));
  const out = framesToAbcVoices(r.frames.map((f) => ({ ...f, voices: [f.voices[0], f.voices[0], f.voices[0], f.voices[0]] })), r);
  assert.match(out, /V:A\nc32\|z24 z8\|\]\n/);
  assert.deepEqual(abcjs.parseOnly(out)[0].warnings ?? [], []);
});

/** The tune written with its melody and one chord held under all of it, and that tune's alto line. */
function heldUnder(text: string): { out: string; alto: string } {
  const r = abcVoiceToFrames(tuneOf(text));
  const held = (f: Frame, i: number): Frame => ({ ...f, voices: [f.voices[0], { kind: 'note', pitch: 60, held: i > 0 }, { kind: 'note', pitch: 55, held: i > 0 }, { kind: 'note', pitch: 48, held: i > 0 }] });
  const out = framesToAbcVoices(r.frames.map(held), r);
  return { out, alto: out.split('\n').slice(out.split('\n').indexOf('V:A') + 1).join('\n').split('\nV:T')[0] };
}

test('a lower voice held over a repeat sign or into an ending sounds again there instead of being tied (the tie would lead back to the part\'s start)', () => {
  const { out, alto } = heldUnder("X:1\nM:4/4\nL:1/4\nK:C\n|: c d e f | g a b c' :|1 d4 | e4 :|2 f4 | g4 |]\n");
  assert.doesNotMatch(alto, /-\s*(:\||::|\|:|\|?\[?\d)/, alto);
  assert.equal(alto.match(/-/g)?.length ?? 0, 3, `tied across the plain bar lines only: ${alto}`);
  const sounded = abcjs.parseOnly(out);
  assert.equal(sounded.length, 1);
});

test('a lower voice is tied over a bar line that only carries an inline field (a part label, a meter change): nothing is repeated there', () => {
  const { alto } = heldUnder("X:1\nM:4/4\nL:1/4\nK:C\nc d e f | [P:B] g a b c' | [M:2/4] d e | f g |]\n");
  assert.equal(alto.match(/-/g)?.length ?? 0, 3, `tied across every bar line: ${alto}`);
});

test("a part label is the melody's alone, and a start repeat after a double bar at a line's end opens the lower voices' next line, as it does the melody's", () => {
  const { out, alto } = heldUnder("X:1\nM:4/4\nL:1/4\nK:C\n[P:A] c d e f | g a b c' ||\n[P:B] |: d e f g | a b c' d' :|\n");
  assert.equal(out.match(/\[P:B\]/g)?.length, 1, `the melody's label only: ${out}`);
  assert.match(out.split('\nV:A\n')[0], /\[P:B\]/);
  assert.doesNotMatch(out.split('\nV:A\n')[1], /\[P:/);
  const lines = alto.trim().split('\n');
  assert.equal(lines.length, 2, alto);
  assert.match(lines[0], /\|\|$/, alto);
  assert.match(lines[1], /^\|:/, alto);
  assert.equal(abcjs.parseOnly(out)[0].warnings?.length ?? 0, 0);
});

