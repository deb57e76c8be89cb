import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatKey, keyAccidentals, keySignature, parseKey } from '../../src/music/key';

test('keys with modes give the standard signatures', () => {
  const cases: [string, number, string][] = [
    ['C', 0, 'C'], ['G', 1, 'G'], ['D', 2, 'D'], ['Bb', -2, 'Bb'], ['F#', 6, 'F#'], ['Am', 0, 'A'], ['Em', 1, 'E'],
    ['Dm', -1, 'D'], ['Ador', 1, 'A'], ['D dorian', 0, 'D'], ['Gmix', 0, 'G'], ['E phr', 0, 'E'], ['F lyd', 0, 'F'],
    ['B loc', 0, 'B'], ['A aeo', 0, 'A'], ['C ion', 0, 'C'], ['Bbmin', -5, 'Bb'], ['C#m', 4, 'C#'], ['G major', 1, 'G'], ['Abm', -7, 'Ab'],
  ];
  for (const [text, fifths, tonic] of cases) {
    const { key, problems } = parseKey(text);
    assert.deepEqual(problems, [], text);
    assert.equal(key.fifths, fifths, text);
    assert.equal(key.tonic, tonic, text);
  }
});

test('signature accidentals per letter, explicit accidentals and exp', () => {
  assert.deepEqual(keySignature('D'), { C: 1, D: 0, E: 0, F: 1, G: 0, A: 0, B: 0 });
  assert.deepEqual(keySignature('Eb'), { C: 0, D: 0, E: -1, F: 0, G: 0, A: -1, B: -1 });
  assert.deepEqual(keySignature('D exp ^f'), { C: 0, D: 0, E: 0, F: 1, G: 0, A: 0, B: 0 });
  assert.deepEqual(keySignature('D =c'), { C: 0, D: 0, E: 0, F: 1, G: 0, A: 0, B: 0 });
  assert.deepEqual(keySignature('none'), { C: 0, D: 0, E: 0, F: 0, G: 0, A: 0, B: 0 });
  assert.equal(parseKey('HP').key.none, true);
  assert.deepEqual(keySignature('Hp'), { C: 1, D: 0, E: 0, F: 1, G: 0, A: 0, B: 0 });
  assert.equal(keyAccidentals(parseKey('G#').key).F, 2);
});

test('clefs and unknown words in K:', () => {
  const { key, problems } = parseKey('Am clef=bass');
  assert.equal(key.clef, 'bass');
  assert.deepEqual(problems, []);
  const bad = parseKey('Q');
  assert.equal(bad.problems.length, 1);
  assert.deepEqual([bad.problems[0].start, bad.problems[0].end], [0, 1]);
  assert.equal(parseKey('G wibble').problems[0].start, 2);
});

test('formatKey writes a K: value back', () => {
  for (const text of ['G', 'Am', 'Ddor', 'none', 'Bbmix', 'D exp ^f']) assert.equal(formatKey(parseKey(text).key), text);
});
