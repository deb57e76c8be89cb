import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseAbc } from '../../src/abc/parse';
import { abcPitchAt, tunePitches } from '../../src/abc/pitches';
import { transposeAbc, transposeChordSymbol } from '../../src/abc/transpose';
import { nottinghamFiles } from './helpers';

const midis = (text: string) => parseAbc(text).tunes.flatMap((t) => tunePitches(t).map((p) => p.midi));

test('accidentals hold to the end of the bar, per octave, and across a tie', () => {
  const text = 'X:1\nK:G\nF ^c c c\' | c =F F- | F F|\n';
  assert.deepEqual(midis(text), [66, 73, 73, 84, 72, 65, 65, 65, 66]);
  const at = abcPitchAt(text, text.indexOf("c'"));
  assert.equal(at?.midi, 84);
  assert.equal(abcPitchAt(text, 0), undefined);
});

test('transposing a tune moves its key, notes and chord symbols', () => {
  const text = 'X:1\nT:t\nM:4/4\nL:1/8\nK:D\n"D"d^cde "A7/c+"^c2 c2|"G"=f g a2 [GBd]4|\n';
  assert.equal(
    transposeAbc(text, 2),
    'X:1\nT:t\nM:4/4\nL:1/8\nK:E\n"E"e^def "B7/d+"^d2 d2|"A"=g a b2 [Ace]4|\n',
  );
  assert.equal(transposeAbc(text, 12).split('\n')[5], '"D"d\'^c\'d\'e\' "A7/c+"^c\'2 c\'2|"G"=f\' g\' a\'2 [gbd\']4|');
  assert.equal(transposeAbc('X:1\nK:F\nB,2|\n', -3), 'X:1\nK:D\nG,2|\n');
});

test('an accidental the new key no longer needs is dropped, one it needs is written', () => {
  assert.equal(transposeAbc('X:1\nK:C\nF B ^F G|\n', 7), 'X:1\nK:G\nc f ^c d|\n');
  assert.equal(transposeAbc('X:1\nK:C\nB _B B|\n', 2), 'X:1\nK:D\nc =c c|\n');
});

test('one voice alone keeps the shared key and writes the accidentals it needs', () => {
  const text = 'X:1\nL:1/4\nK:C\nV:1\nC E G c|\nV:2\nC, E, G, C|\n';
  assert.equal(transposeAbc(text, 2, { voice: '2' }), 'X:1\nL:1/4\nK:C\nV:1\nC E G c|\nV:2\nD, ^F, A, D|\n');
});

test('chord symbols move with the key, on the line of fifths', () => {
  assert.equal(transposeChordSymbol('Am7', 2), 'Bm7');
  assert.equal(transposeChordSymbol('Bb/D', -2), 'Ab/C');
  assert.equal(transposeChordSymbol('(D7)', 1), '(A7)');
  assert.equal(transposeChordSymbol('Em/d+', 5), 'D#m/c++');
  assert.equal(transposeChordSymbol('D#m/c++', -5), 'Em/d+');
  assert.equal(transposeChordSymbol('F#', -7), 'F');
  assert.equal(transposeChordSymbol('N.C.', 3), 'N.C.');
});

test('Nottingham tunes transposed up and back are unchanged, and sound exactly the interval higher', () => {
  const next = fc.sample(fc.integer({ min: -6, max: 6 }), { numRuns: 14, seed: 7 });
  nottinghamFiles().forEach((f, k) => {
    const s = next[k] || 5;
    const up = transposeAbc(f.text, s);
    assert.ok(midis(up).join() === midis(f.text).map((m) => m + s).join(), `${f.name}: pitches by ${s}`);
    // A lowercase bass that loses its flat and gets it back is written Nottingham's way: "Gm/bb" returns as "Gm/b-".
    const back = transposeAbc(up, -s).replace(/(\/[a-g])-"/g, '$1b"');
    const firstDiff = [...back].findIndex((c, i) => c !== f.text[i]);
    assert.ok(back === f.text, `${f.name} by ${s}: differs at ${firstDiff}: ${JSON.stringify(back.slice(firstDiff - 40, firstDiff + 40))}`);
  });
});

test('random melodies: up then down restores the text (property)', () => {
  const note = fc
    .tuple(fc.constantFrom('', '', '', '^', '_', '='), fc.constantFrom(...'CDEFGABcdefgab'), fc.constantFrom('', "'", ','), fc.constantFrom('', '2', '/2'))
    .map(([a, l, o, n]) => a + l + o + n);
  const piece = fc.oneof({ weight: 6, arbitrary: note }, fc.constantFrom('|', ' ', '-', '"Am"', '[CEG]'));
  fc.assert(
    fc.property(fc.constantFrom('C', 'G', 'D', 'A', 'F', 'Bb', 'Eb', 'Em', 'Dm', 'Gm', 'Bm', 'Ador'), fc.integer({ min: -6, max: 6 }), fc.array(piece, { minLength: 1, maxLength: 30 }), (key, s, body) => {
      const text = `X:1\nK:${key}\n${body.join('')}|\n`;
      const up = transposeAbc(text, s);
      assert.deepEqual(midis(up), midis(text).map((m) => m + s));
      // A lowercase bass that loses its flat and gets it back is written Nottingham's way: "Gm/bb" returns as "Gm/b-".
    const back = transposeAbc(up, -s).replace(/(\/[a-g])-"/g, '$1b"');
      assert.deepEqual(midis(back), midis(text));
    }),
    { numRuns: 300 },
  );
});
