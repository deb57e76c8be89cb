// Issue 13, rows 1, 2, 5 and 12: MIDI import and export are bounded, linear, and say what is wrong with a file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Midi } from '@tonejs/midi';
import { abcToMidi, AbcMidiError } from '../../src/abc/midi';
import { MAX_PIECE_SIXTEENTHS } from '../../src/common/limits';
import { readMidiFile } from '../../src/music/midi-read';
import { MidiWriteError, writeMidiFile } from '../../src/music/midi-write';
import { choraleToMidi, MidiExportError, midiToChorale, MidiImportError } from '../../src/satb';
import type { Frame } from '../../src/satb/types';

const hex = (s: string) => Uint8Array.from(Buffer.from(s.replace(/\s+/g, ''), 'hex'));
const HEADER = '4d546864 00000006 0001 0001 0060';
/** One track chunk around `body` (hex), its length computed. */
const track = (body: string) => `4d54726b ${(body.replace(/\s+/g, '').length / 2).toString(16).padStart(8, '0')} ${body}`;

test('row 1: a 37-byte file whose one note ends 16 million sixteenths in is refused before any frame is made', () => {
  const bytes = hex('4d546864000000060001000100014d54726b0000000f00903c4082808000803c0000ff2f00');
  const t = performance.now();
  assert.throws(() => midiToChorale(bytes), (e: unknown) => e instanceof MidiImportError && /runs for 16,777,216 sixteenths .*at most 32,768 sixteenths \(2,048 bars of 4\/4\)/.test(e.message));
  assert.ok(performance.now() - t < 1000);
});

test('row 1: a piece of exactly the bound is read; one sixteenth more is refused', () => {
  const ppq = 4; // one tick a sixteenth
  const file = (sixteenths: number) =>
    writeMidiFile({ ppq, bpm: 120, texts: [], tracks: [{ name: 'x', channel: 0, notes: [{ pitch: 60, ticks: 0, durationTicks: sixteenths, velocity: 90 }] }] });
  assert.equal(midiToChorale(file(MAX_PIECE_SIXTEENTHS)).frames.length, MAX_PIECE_SIXTEENTHS);
  assert.throws(() => midiToChorale(file(MAX_PIECE_SIXTEENTHS + 1)), /runs for 32,769 sixteenths/);
});

test('row 2: an overlong note or rest is refused with its line and column, not an endless loop', () => {
  assert.throws(() => abcToMidi('X:1\nL:500/1\nK:C\nC4000|\n'), (e: unknown) => e instanceof AbcMidiError && /line 4, column 1: the note 'C4000' ends 2,000,000 whole notes/.test(e.message));
  const rests = `X:1\nM:4/4\nL:1/4\nK:C\nC ${'Z999 '.repeat(1200)}C|\n`;
  assert.throws(() => abcToMidi(rests), /line 5, column 13: the rest 'Z999' ends 2,997 whole notes into the tune; BachBot writes MIDI of at most 32,768 sixteenths/);
  assert.throws(() => abcToMidi('X:1\nL:1/1\nK:C\nC2048 [CE]|\n'), /line 4, column 7: the chord '\[CE\]'/);
  assert.equal(new Midi(abcToMidi('X:1\nL:1/1\nK:C\nC2047 C|\n')).tracks.flatMap((t) => t.notes).length, 2);
});

test('row 2: the writer refuses a delta past four bytes instead of looping', () => {
  const notes = [{ pitch: 60, ticks: 2 ** 31, durationTicks: 1, velocity: 90 }];
  assert.throws(() => writeMidiFile({ ppq: 480, bpm: 120, texts: [], tracks: [{ name: 'x', channel: 0, notes }] }), MidiWriteError);
});

test('row 2: a chorale past the bound is refused', () => {
  const frame: Frame = { fermata: false, voices: [{ kind: 'note', pitch: 72, held: false }, { kind: 'rest' }, { kind: 'rest' }, { kind: 'rest' }] };
  const frames = Array.from({ length: MAX_PIECE_SIXTEENTHS + 1 }, () => frame);
  assert.throws(() => choraleToMidi({ meta: { comments: [] }, frames }), (e: unknown) => e instanceof MidiExportError && /32,769 frames/.test(e.message));
});

test('row 5: 2,000 bars of eighths export in linear time and read back note for note', () => {
  const tune = `X:1\nM:4/4\nL:1/8\nK:C\n${'CDEF GABc|'.repeat(2000)}\n`;
  const t = performance.now();
  const bytes = abcToMidi(tune);
  const ms = performance.now() - t;
  assert.ok(ms < 5000, `${ms} ms`);
  const notes = new Midi(bytes).tracks.flatMap((x) => x.notes);
  assert.equal(notes.length, 16_000);
  assert.equal(notes[15_999].ticks, 15_999 * 240);
  assert.equal(readMidiFile(bytes).tracks[1].notes.length, 16_000);
});

const refusals: [string, string, RegExp][] = [
  ['ppq 0', `4d546864 00000006 0001 0001 0000 ${track('00 903c40 10 803c00 00ff2f00')}`, /division is 0 ticks per quarter note/],
  ['SMPTE division', `4d546864 00000006 0001 0001 e728 ${track('00 903c40 10 803c00 00ff2f00')}`, /SMPTE frames/],
  ['a five-byte delta', `${HEADER} ${track('8080808000 903c40 00ff2f00')}`, /track 1, byte 22: a variable-length number is longer than four bytes/],
  ['a truncated track chunk', `${HEADER} 4d54726b 00000040 00903c40`, /track 1 at byte 14 claims 64 bytes; the file has 4 after its header/],
  ['a cut chunk header', `${HEADER} 4d5472`, /chunk at byte 14 is cut short/],
  ['a cut event', `${HEADER} ${track('00 903c')}`, /track 1, byte 24: a channel event runs past the end of the track/],
  ['a cut meta event', `${HEADER} ${track('00 ff0340 41')}`, /a meta event of 64 bytes runs past the end/],
  ['a data byte first', `${HEADER} ${track('00 3c40 00ff2f00')}`, /a data byte \(0x3c\) where an event should begin/],
  ['too few tracks', `4d546864 00000006 0001 0003 0060 ${track('00 903c40 10 803c00 00ff2f00')}`, /promises 3 tracks; the file holds 1/],
  ['a short header', '4d546864 00000004 0001 0001 00000000', /header is 4 bytes long/],
  ['format 7', `4d546864 00000006 0007 0001 0060 ${track('00ff2f00')}`, /format 7/],
  ['not MIDI', '6e6f74206d696469', /does not begin with a MIDI header/],
];

for (const [what, bytes, message] of refusals) {
  test(`row 12: ${what} is refused with a plain message`, () => {
    assert.throws(
      () => midiToChorale(hex(bytes)),
      (e: unknown) => e instanceof MidiImportError && e.message.startsWith('not a readable MIDI file: ') && message.test(e.message),
    );
  });
}

test('row 12: running status, note-on of velocity 0, unknown chunks and sysex are read as the standard says', () => {
  const body = track('00 903c40 00 4340 60 3c00 00 4300 00 f00243f7 00ff2f00');
  const alien = '58595a57 00000002 abcd';
  const midi = readMidiFile(hex(`4d546864 00000006 0001 0001 0060 ${alien} ${body}`));
  assert.deepEqual(midi.tracks[0].notes.map((n) => [n.pitch, n.ticks, n.durationTicks]), [[60, 0, 96], [67, 0, 96]]);
});

test('bachbot convert says what is wrong with an overlong tune or an unreadable MIDI file and exits with 1', async () => {
  const { mkdtempSync, rmSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { runInProcess } = await import('../cli/run-cli');
  const dir = mkdtempSync(join(tmpdir(), 'midi-bounds-'));
  try {
    writeFileSync(join(dir, 'long.abc'), `X:1\nM:4/4\nL:1/4\nK:C\nC ${'Z999 '.repeat(1200)}C|\n`);
    const long = await runInProcess('convert', [join(dir, 'long.abc'), join(dir, 'long.mid')]);
    assert.equal(long.code, 1);
    assert.match(long.stderr, /long\.abc: line 5, column 13: the rest 'Z999'/);
    writeFileSync(join(dir, 'far.mid'), hex('4d546864000000060001000100014d54726b0000000f00903c4082808000803c0000ff2f00'));
    const far = await runInProcess('convert', [join(dir, 'far.mid'), join(dir, 'far.satb')]);
    assert.equal(far.code, 1);
    assert.match(far.stderr, /^bachbot convert: the MIDI file runs for 16,777,216 sixteenths/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
