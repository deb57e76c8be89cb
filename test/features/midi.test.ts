import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Midi } from '@tonejs/midi';
import { documentToMidi, midiFileName, midiToDocument } from '../../src/features/midi/convert';

const TUNE = 'X:1\nT:Scale\nM:4/4\nL:1/8\nQ:1/4=60\nK:G\nGABc d2 e2|f2-f2 =f4|\n';

test('an ABC tune becomes MIDI with the key signature, bar accidentals, ties and tempo applied', () => {
  const midi = new Midi(documentToMidi('abc', TUNE, 0));
  const notes = midi.tracks.flatMap((t) => t.notes);
  assert.deepEqual(notes.map((n) => n.midi), [67, 69, 71, 72, 74, 76, 78, 77]);
  const tied = notes[6];
  assert.ok(Math.abs(tied.duration - 2) < 1e-6, `f2-f2 at 60 bpm lasts two seconds, not ${tied.duration}`);
  assert.ok(Math.abs(notes[7].time - 6) < 1e-6);
  assert.equal(Math.round(midi.header.tempos[0].bpm), 60);
});

test('the tune under the cursor is exported', () => {
  const two = `${TUNE}\nX:2\nT:Two\nM:4/4\nL:1/4\nK:C\nC4|\n`;
  const midi = new Midi(documentToMidi('abc', two, two.indexOf('C4')));
  assert.deepEqual(midi.tracks.flatMap((t) => t.notes).map((n) => n.midi), [60]);
});

test('a chorale round-trips through MIDI into a new .satb document', () => {
  const chorale = '% title: t\n% meter: 4/4\nSTART\n(72,False) (67,False) (64,False) (48,False) |||\n(72,True) (67,True) (64,True) (48,True) |||\nEND\n';
  const bytes = documentToMidi('satb', chorale, 0);
  const text = midiToDocument(bytes, 'satb');
  assert.match(text, /\(72,False\) \(67,False\) \(64,False\) \(48,False\) \|\|\|\n\(72,True\) \(67,True\) \(64,True\) \(48,True\) \|\|\|/);
  assert.match(midiToDocument(bytes, 'abc'), /^X:/m);
});

test('notation errors stop the export with a position', () => {
  assert.throws(() => documentToMidi('satb', 'START\n(72,False) (67,Flase) |||\nEND\n', 0), /line 2, column \d+/);
  assert.throws(() => documentToMidi('abc', '% nothing here\n', 0), /no tune/);
});

test('export file names follow the document', () => {
  assert.equal(midiFileName('/a/b/song.abc'), 'song.mid');
  assert.equal(midiFileName(undefined), 'untitled.mid');
});
