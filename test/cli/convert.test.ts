import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import abcjs from 'abcjs';
import { Midi } from '@tonejs/midi';
import { documentToMidi } from '../../src/features/midi/convert';
import { corporaDir } from '../satb/helpers';
import { runInProcess } from './run-cli';

const dir = mkdtempSync(join(tmpdir(), 'convert-'));
const chorale = join(corporaDir(), 'bach-chorales', 'chor005.satb');

test('.satb → .mid → .satb gives the same text', async () => {
  assert.equal((await runInProcess('convert', [chorale, join(dir, 'c.mid')])).code, 0);
  assert.equal(new Midi(readFileSync(join(dir, 'c.mid'))).tracks.filter((t) => t.notes.length).length, 4);
  assert.equal((await runInProcess('convert', [join(dir, 'c.mid'), join(dir, 'c.satb')])).code, 0);
  assert.equal(readFileSync(join(dir, 'c.satb'), 'utf8'), readFileSync(chorale, 'utf8'));
});

test('.satb → .abc and .mid → .abc give ABC that abcjs reads without warnings', async () => {
  assert.equal((await runInProcess('convert', [chorale, join(dir, 'c.abc')])).code, 0);
  const abc = readFileSync(join(dir, 'c.abc'), 'utf8');
  assert.match(abc, /%%score \(S A\) \(T B\)/);
  assert.deepEqual(abcjs.parseOnly(abc)[0].warnings ?? [], []);
  await runInProcess('convert', [chorale, join(dir, 'd.mid')]);
  assert.equal((await runInProcess('convert', [join(dir, 'd.mid'), join(dir, 'd.abc')])).code, 0);
  assert.equal(readFileSync(join(dir, 'd.abc'), 'utf8'), abc);
});

test('.abc → .mid plays every voice of the tune', async () => {
  writeFileSync(join(dir, 't.abc'), 'X:1\nT:t\nM:4/4\nL:1/8\nK:G\nV:1\nGABc d2e2|\nV:2\nB,2D2 G,4|]\n');
  assert.equal((await runInProcess('convert', [join(dir, 't.abc'), join(dir, 't.mid')])).code, 0);
  const midi = new Midi(readFileSync(join(dir, 't.mid')));
  const pitches = midi.tracks.flatMap((t) => t.notes.map((n) => n.midi)).sort((a, b) => a - b);
  assert.deepEqual(pitches, [55, 59, 62, 67, 69, 71, 72, 74, 76]);
});

test('.abc → .mid writes the same bytes as Export MIDI in the editor', async () => {
  const tune = 'X:1\nT:Same\nM:3/4\nL:1/8\nQ:3/8=60\nK:F\nV:1\n"F"A2 B2- B^c|[FA]6|]\nV:2\nF,6-|F,4 z2|]\n';
  writeFileSync(join(dir, 'same.abc'), tune);
  assert.equal((await runInProcess('convert', [join(dir, 'same.abc'), join(dir, 'same.mid')])).code, 0);
  assert.deepEqual(new Uint8Array(readFileSync(join(dir, 'same.mid'))), documentToMidi('abc', tune, 0));
});

test('.abc → .satb: a melody gets (?) slots for the harmonizer; --voice picks one of several voices', async () => {
  writeFileSync(join(dir, 'm.abc'), 'X:1\nT:Two voices\nM:2/4\nL:1/8\nK:D\nV:1\nd2 e2|f4|]\nV:2\nD,4|A,,4|]\n');
  const both = await runInProcess('convert', [join(dir, 'm.abc'), join(dir, 'm.satb')]);
  assert.equal(both.code, 1);
  assert.match(both.stderr, /2 voices with notes/);
  assert.equal((await runInProcess('convert', [join(dir, 'm.abc'), join(dir, 'm.satb'), '--voice', '1'])).code, 0);
  const text = readFileSync(join(dir, 'm.satb'), 'utf8');
  assert.match(text, /% key: D major, transposed by -2 semitones to C major\n% meter: 2\/4\n% pickup: 0\nSTART\n\(72,False\) \(\?\) \(\?\) \(\?\) \|\|\|\n/);
});

test('bad input gives a message, not a stack trace', async () => {
  writeFileSync(join(dir, 'bad.satb'), 'START\n(60,False) (55,False) (52,False) (48,False) (40,False) |||\nEND\n');
  const bad = await runInProcess('convert', [join(dir, 'bad.satb'), join(dir, 'bad.abc')]);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /bad\.satb:2:45: error: a frame has four voices/);
  const notMidi = join(dir, 'x.mid');
  writeFileSync(notMidi, 'not midi');
  assert.match((await runInProcess('convert', [notMidi, join(dir, 'x.satb')])).stderr, /not a readable MIDI file/);
  assert.equal((await runInProcess('convert', [chorale, join(dir, 'c.txt')])).code, 1);
  assert.equal((await runInProcess('convert', [chorale])).code, 2);
});
