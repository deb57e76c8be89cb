import { test } from 'node:test';
import assert from 'node:assert/strict';
import { abcToChorale, choraleToAbc, parseSatb, writeSatb, type Frame } from '../../src/satb';
import { bachChorales } from './helpers';

test('an ABC melody becomes soprano frames in C major with slots for the other voices', () => {
  const r = abcToChorale('X:1\nT:Melody\nN:traditional\nM:3/4\nL:1/8\nK:G\nD2 | G2 A2 B2 | !fermata!A4 |]\n');
  assert.ok('chorale' in r);
  assert.deepEqual(r.chorale.meta.comments, [
    '% title: Melody', '% traditional', '% key: G major, transposed by +5 semitones to C major', '% meter: 3/4', '% pickup: 4',
  ]);
  const { frames } = r.chorale;
  assert.equal(frames.length, 4 + 12 + 8);
  assert.deepEqual(frames[0].voices, [{ kind: 'note', pitch: 67, held: false }, { kind: 'slot' }, { kind: 'slot' }, { kind: 'slot' }]);
  assert.deepEqual(frames[5].voices[0], { kind: 'note', pitch: 72, held: true });
  assert.equal(frames[16].fermata, true);
  assert.equal(frames[15].fermata, false);
  assert.deepEqual(parseSatb(writeSatb(r.chorale)).diagnostics, []);
});

test('every tenth Bach chorale survives .satb → .abc → .satb: notes and metadata exactly, fermatas by phrase', () => {
  const chorales = bachChorales().filter((_, i) => i % 10 === 0);
  const runs = (frames: Frame[]) => frames.filter((f, i) => f.fermata && !frames[i - 1]?.fermata).length;
  let exact = 0;
  for (const { name, text } of chorales) {
    const original = parseSatb(text).chorale;
    const r = abcToChorale(choraleToAbc(original));
    assert.ok('chorale' in r, name);
    assert.deepEqual(r.chorale.frames.map((f) => f.voices), original.frames.map((f) => f.voices), name);
    assert.deepEqual(r.chorale.meta, original.meta, name);
    assert.equal(runs(r.chorale.frames), runs(original.frames), name);
    if (writeSatb(r.chorale) === text) exact++;
  }
  // ABC puts a fermata on a note, so a fermata that starts or ends in the middle of held notes comes back
  // stretched to those notes (42 of 13,642 fermata frames over the whole corpus).
  assert.ok(exact >= chorales.length - 3, `${exact} of ${chorales.length} exact`);
});

test('problems are reported, not thrown', () => {
  const two = abcToChorale('X:1\nM:4/4\nL:1/4\nK:C\nV:1\nCDEF|\nV:2\nC,D,E,F,|\n');
  assert.ok('problem' in two && /2 voices/.test(two.problem));
  const chosen = abcToChorale('X:1\nM:4/4\nL:1/4\nK:C\nV:1\nCDEF|\nV:2\nC,D,E,F,|\n', { voice: '2' });
  assert.ok('chorale' in chosen);
  assert.deepEqual(chosen.chorale.frames[0].voices[0], { kind: 'note', pitch: 48, held: false });
  const none = abcToChorale('% nothing here\n');
  assert.ok('problem' in none && /no tune/.test(none.problem));
  const missing = abcToChorale('X:1\nK:C\nC|\n', { tune: 3 });
  assert.ok('problem' in missing && /no tune number 4/.test(missing.problem));
});
