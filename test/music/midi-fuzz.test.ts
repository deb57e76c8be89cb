// Issue 13: mutated MIDI bytes give a MidiImportError or a chorale, never another error, an abort or a hang.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { choraleToMidi, midiToChorale, MidiImportError, parseSatb } from '../../src/satb';
import { rng } from '../abc/helpers';
import { bachChorales } from '../satb/helpers';

test('2,000 seeded mutations of a chorale exported as MIDI: import throws only MidiImportError, each within a second', () => {
  const next = rng(20261204);
  const seed = choraleToMidi(parseSatb(bachChorales()[0].text).chorale);
  let slowest = 0;
  for (let i = 0; i < 2000; i++) {
    const bytes = Uint8Array.from(seed);
    const edits = 1 + Math.floor(next() * 6);
    for (let e = 0; e < edits; e++) bytes[Math.floor(next() * bytes.length)] = Math.floor(next() * 256);
    const cut = next() < 0.2 ? bytes.subarray(0, Math.floor(next() * bytes.length)) : bytes;
    const t = performance.now();
    try {
      midiToChorale(cut);
    } catch (err) {
      assert.ok(err instanceof MidiImportError, `mutation ${i}: ${String(err)}`);
    }
    slowest = Math.max(slowest, performance.now() - t);
  }
  assert.ok(slowest < 1000, `slowest ${slowest} ms`);
});
