import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Midi } from '@tonejs/midi';
import { choraleToMidi, midiToChorale, MidiImportError, parseSatb, writeSatb } from '../../src/satb';
import { bachChorales } from './helpers';

test('a Bach chorale survives .satb → MIDI → .satb unchanged', () => {
  const { text } = bachChorales()[0];
  const chorale = parseSatb(text).chorale;
  const midi = new Midi(choraleToMidi(chorale));
  assert.deepEqual(midi.tracks.filter((t) => t.notes.length).map((t) => t.name), ['Soprano', 'Alto', 'Tenor', 'Bass']);
  assert.equal(midi.tracks.find((t) => t.name === 'Soprano')!.notes[0].durationTicks, 4 * 120);
  assert.equal(writeSatb(midiToChorale(choraleToMidi(chorale))), text);
});

test('foreign MIDI: tracks ordered by pitch, times quantized to sixteenths, meter and title read', () => {
  const midi = new Midi();
  midi.header.name = 'Foreign';
  midi.header.timeSignatures.push({ ticks: 0, timeSignature: [3, 4] });
  const ppq = midi.header.ppq;
  const add = (notes: [number, number, number][]) => {
    const t = midi.addTrack();
    for (const [pitch, start, dur] of notes) t.addNote({ midi: pitch, ticks: start, durationTicks: dur });
  };
  add([[48, 0, ppq], [43, ppq + 7, ppq / 2 - 9]]); // bass, slightly off the grid
  add([[72, 0, 2 * ppq - 5]]); // soprano
  add([[64, 3, ppq * 2]]); // tenor
  add([[67, 0, ppq * 2]]); // alto
  const c = midiToChorale(midi.toArray());
  assert.equal(c.meta.title, 'Foreign');
  assert.equal(c.meta.meter, '3/4');
  assert.equal(c.frames.length, 8);
  assert.deepEqual(c.frames[0].voices.map((v) => (v.kind === 'note' ? v.pitch : v.kind)), [72, 67, 64, 48]);
  assert.deepEqual(c.frames[4].voices, [
    { kind: 'note', pitch: 72, held: true },
    { kind: 'note', pitch: 67, held: true },
    { kind: 'note', pitch: 64, held: true },
    { kind: 'note', pitch: 43, held: false },
  ]);
  assert.deepEqual(c.frames[6].voices[3], { kind: 'rest' });
  assert.deepEqual(parseSatb(writeSatb(c)).diagnostics, []);
});

test('unreadable or unsuitable MIDI gives a plain error', () => {
  assert.throws(() => midiToChorale(new Uint8Array([1, 2, 3, 4])), MidiImportError);
  assert.throws(() => midiToChorale(new Midi().toArray()), /no notes/);
  const five = new Midi();
  for (let i = 0; i < 5; i++) five.addTrack().addNote({ midi: 60 + i, ticks: 0, durationTicks: 120 });
  assert.throws(() => midiToChorale(five.toArray()), /5 tracks with notes/);
});
