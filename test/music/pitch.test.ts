import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseKey } from '../../src/music/key';
import { midiOf, semitonesToReference, spellPitch, transposeKey, transposePitch } from '../../src/music/pitch';

const key = (k: string) => parseKey(k).key;
const name = (p: { letter: string; accidental: number; octave: number }) =>
  p.letter + (p.accidental > 0 ? '#'.repeat(p.accidental) : 'b'.repeat(-p.accidental)) + p.octave;

test('spelling follows the key', () => {
  assert.equal(name(spellPitch(66, key('D'))), 'F#4');
  assert.equal(name(spellPitch(70, key('F'))), 'Bb4');
  assert.equal(name(spellPitch(68, key('Am'))), 'G#4'); // leading note of A minor
  assert.equal(name(spellPitch(61, key('Dm'))), 'C#4');
  assert.equal(name(spellPitch(63, key('C'))), 'Eb4');
  assert.equal(name(spellPitch(66, key('C'))), 'F#4');
  assert.equal(name(spellPitch(71, key('Cm'))), 'B4');
  assert.equal(name(spellPitch(65, key('C#'))), 'E#4');
  assert.equal(name(spellPitch(60, key('C#'))), 'B#3');
  assert.equal(midiOf(spellPitch(60, key('C#'))), 60);
  assert.equal(name(spellPitch(59, key('Gb'))), 'Cb4');
});

test('keys move on the circle of fifths', () => {
  const up = (k: string, s: number) => transposeKey(key(k), s);
  assert.equal(up('D', 2).tonic, 'E');
  assert.equal(up('D', 2).fifths, 4);
  assert.equal(up('C', 1).tonic, 'Db');
  assert.equal(up('C', 6).tonic, 'F#');
  assert.equal(up('Am', 2).tonic, 'B');
  assert.equal(up('Am', 2).mode, 'minor');
  assert.equal(up('Ador', -2).tonic, 'G');
  assert.equal(up('G', -7).tonic, 'C');
  // D E F# G A B C= up a tone is E F# G# A B C# D: every letter moves, the unlisted naturals too.
  assert.deepEqual(up('D exp ^f', 2).explicit, [{ letter: 'F', accidental: 1 }, { letter: 'C', accidental: 1 }, { letter: 'G', accidental: 1 }]);
  assert.equal(up('none', 3).none, true);
});

test('reference shift: major-ish to C, minor-ish to A, the smaller move', () => {
  assert.equal(semitonesToReference(key('G')), 5); // G → C: up 5, not down 7
  assert.equal(semitonesToReference(key('D')), -2);
  assert.equal(semitonesToReference(key('Em')), 5);
  assert.equal(semitonesToReference(key('Dm')), -5);
  assert.equal(semitonesToReference(key('F#')), 6 - 12);
  assert.equal(semitonesToReference(key('Ddor')), -5);
  assert.equal(semitonesToReference(key('Gmix')), 5);
});

// Keys with six sharps or flats are left out: F# - 1 + 1 comes back as Gb (the nearer of two equal signatures).
const KEYS = ['C', 'G', 'D', 'A', 'E', 'B', 'F', 'Bb', 'Eb', 'Ab', 'Db', 'Am', 'Em', 'Bm', 'F#m', 'C#m', 'Dm', 'Gm', 'Cm', 'Fm', 'Bbm', 'Ddor', 'Gmix', 'Ephr', 'Flyd'];

test('transposing up then down restores pitch and spelling (property)', () => {
  fc.assert(
    fc.property(fc.constantFrom(...KEYS), fc.integer({ min: -11, max: 11 }), fc.integer({ min: 40, max: 90 }), (k, s, midi) => {
      const from = key(k);
      const p = spellPitch(midi, from);
      const to = transposeKey(from, s);
      const there = transposePitch(p, s, from, to);
      const back = transposeKey(to, -s);
      assert.equal(back.tonic, from.tonic);
      assert.equal(midiOf(there), midi + s);
      assert.deepEqual(transposePitch(there, -s, to, back), p);
    }),
  );
});

test('transposing by an octave keeps letters and accidentals (property)', () => {
  fc.assert(
    fc.property(fc.constantFrom(...KEYS), fc.integer({ min: 30, max: 90 }), fc.constantFrom(12, -12, 24), (k, midi, s) => {
      const from = key(k);
      const p = spellPitch(midi, from);
      const to = transposeKey(from, s);
      const q = transposePitch(p, s, from, to);
      assert.equal(q.letter, p.letter);
      assert.equal(q.accidental, p.accidental);
      assert.equal(q.octave, p.octave + s / 12);
    }),
  );
});
