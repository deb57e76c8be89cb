import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { choraleToMidi, midiToChorale, MidiImportError, parseSatb, writeSatb, type Chorale, type Frame } from '../../src/satb';
import { chorale } from './arbitraries';

const plain = (frames: Frame[]) => frames.map((f) => ({ fermata: f.fermata, voices: f.voices }));
const metaFields = (c: Chorale) => ({ title: c.meta.title, meter: c.meta.meter, pickup: c.meta.pickup });

test('random chorales round-trip through writeSatb and parseSatb', () => {
  fc.assert(
    fc.property(chorale(), (c) => {
      const text = writeSatb(c);
      const parsed = parseSatb(text);
      assert.deepEqual(parsed.diagnostics, []);
      assert.deepEqual(plain(parsed.chorale.frames), plain(c.frames));
      assert.deepEqual(metaFields(parsed.chorale), metaFields(c));
      assert.equal(writeSatb(parsed.chorale), text);
    }),
    { seed: 20261123, numRuns: 300 },
  );
});

test('random chorales round-trip through MIDI (slots become rests)', () => {
  fc.assert(
    fc.property(chorale({ maxFrames: 32 }), (c) => {
      const expected = c.frames.map((f) => ({ fermata: f.fermata, voices: f.voices.map((v) => (v.kind === 'slot' ? { kind: 'rest' } : v)) }));
      const hasNotes = c.frames.some((f) => f.voices.some((v) => v.kind === 'note'));
      if (!hasNotes) {
        assert.throws(() => midiToChorale(choraleToMidi(c)), MidiImportError);
        return;
      }
      const back = midiToChorale(choraleToMidi(c));
      assert.deepEqual(plain(back.frames), expected);
      assert.deepEqual(metaFields(back), metaFields(c));
    }),
    { seed: 20261123, numRuns: 150 },
  );
});
