import { test } from 'node:test';
import assert from 'node:assert/strict';
import abcjs from 'abcjs';
import { choraleToAbc, type Chorale } from '../../src/satb';
import { frames } from './frames';

function hold(row: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => (i === 0 ? row : row.replace(/(\d+)/g, '$1-')));
}

test('four voices on two staves, in the original key, with bar lines, ties and fermatas', () => {
  // Written in C (shift +5 from G major): the ABC moves every pitch down 5 semitones and spells it in G.
  const s = [...hold('72', 4), ...hold('76', 16), ...hold('71', 4), ...hold('70', 4)];
  const rows = s.map((sop, i) => `${i >= 24 ? 'F ' : ''}${sop} ${i === 0 ? '67 64 48' : '67- 64- 48-'}`);
  const chorale: Chorale = {
    meta: { comments: [], title: 'Test', key: 'G major, transposed by +5 semitones to C major', meter: '3/4', pickup: 4 },
    frames: frames(...rows),
  };
  const abc = choraleToAbc(chorale);
  assert.equal(
    abc,
    [
      'X:1', 'T:Test', 'M:3/4', 'L:1/16', 'Q:1/4=76', '%%score (S A) (T B)',
      'V:S clef=treble name="Soprano"', 'V:A clef=treble name="Alto"', 'V:T clef=bass name="Tenor"', 'V:B clef=bass name="Bass"',
      'K:G',
      'V:S', 'G4 | B12- | B4 F4 !fermata!=F4 |]',
      // Only the soprano begins a note where the fermata begins; the others hold theirs into it.
      'V:A', 'D4- | D12- | D12 |]',
      'V:T', 'B,4- | B,12- | B,12 |]',
      'V:B', 'G,,4- | G,,12- | G,,12 |]',
      '',
    ].join('\n'),
  );
  assert.deepEqual(abcjs.parseOnly(abc)[0].warnings ?? [], []);
});

test('a fermata over notes that all began earlier is marked in every voice', () => {
  const rows = [...hold('72 67 64 48', 4), 'F 72- 67- 64- 48-', 'F 72- 67- 64- 48-'];
  const abc = choraleToAbc({ meta: { comments: [], meter: '4/4', pickup: 0 }, frames: frames(...rows) });
  const voiceLines = abc.split('\n').filter((_, i, all) => all[i - 1]?.startsWith('V:') && !all[i - 1].includes('clef'));
  assert.deepEqual(voiceLines, ['!fermata!c6 |]', '!fermata!G6 |]', '!fermata!E6 |]', '!fermata!C,6 |]']);
});

test('accidentals hold until the bar line; lengths a note cannot show are tied; slots are invisible rests', () => {
  const chorale: Chorale = {
    meta: { comments: [], key: 'A minor, transposed by +0 semitones to A minor', meter: '4/4', pickup: 0 },
    frames: frames(
      ...hold('68 ? 57 45', 5),
      ...hold('68 ? 57 45', 3),
      ...hold('69 ? 57 45', 8),
      ...hold('68 ? 57 45', 4),
    ),
  };
  const abc = choraleToAbc(chorale);
  const lines = abc.split('\n');
  assert.equal(lines[lines.indexOf('V:S') + 1], '^G4- GG3 A8 | ^G4 |]');
  assert.equal(lines[lines.indexOf('V:A') + 1], 'x16 | x4 |]');
  assert.equal(lines[lines.indexOf('V:B') + 1], 'A,,4- A,,A,,3 A,,8 | A,,4 |]');
  assert.deepEqual(abcjs.parseOnly(abc)[0].warnings ?? [], []);
});

test('without key metadata the chorale is written in C, in 4/4, and an empty chorale is still valid ABC', () => {
  const abc = choraleToAbc({ meta: { comments: [] }, frames: frames('61 r 55 48') });
  assert.match(abc, /\nK:C\n/);
  assert.match(abc, /\nM:4\/4\n/);
  assert.match(abc, /V:S\n\^C4 \|\]|V:S\n\^C \|\]/);
  const empty = choraleToAbc({ meta: { comments: [] }, frames: [] });
  assert.deepEqual(abcjs.parseOnly(empty)[0].warnings ?? [], []);
});
