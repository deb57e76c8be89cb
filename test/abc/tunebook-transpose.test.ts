import { test } from 'node:test';
import assert from 'node:assert/strict';
import abcjs from 'abcjs';
import { parseAbc } from '../../src/abc/parse';
import { intervalToKey, transposeAbc } from '../../src/abc/transpose';
import { parseKey } from '../../src/music/key';
import { tunebooks } from './tunebooks';

const books = tunebooks();

/** Start times and MIDI pitches of every written note as abcjs plays the tune (its accompaniment left out). */
function abcjsNotes(tuneText: string): { at: string; pitch: number }[] {
  const [tune] = abcjs.parseOnly(tuneText) as (abcjs.TuneObject & { setUpAudio(o: object): { tracks: { cmd: string; pitch: number; start: number; startChar?: number }[][] } })[];
  const out: { at: string; pitch: number }[] = [];
  tune.setUpAudio({}).tracks.forEach((track, k) => {
    for (const ev of track) if (ev.cmd === 'note' && ev.startChar !== undefined) out.push({ at: `${k}@${ev.start.toFixed(6)}`, pitch: ev.pitch });
  });
  return out.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.pitch - b.pitch));
}

test('tunebooks: every tune up 2 semitones and back gives the text back exactly', () => {
  for (const book of books) {
    const up = transposeAbc(book.text, 2);
    assert.notEqual(up, book.text);
    const back = transposeAbc(up, -2);
    const lines = book.text.split('\n');
    const diff = back.split('\n').findIndex((l, i) => l !== lines[i]);
    assert.ok(back === book.text, `${book.name}:${diff + 1}: ${lines[diff]} came back as ${back.split('\n')[diff]}`);
  }
});

test('tunebooks: each transposed tune sounds every note 2 semitones higher as abcjs plays it', () => {
  for (const book of books) {
    const up = transposeAbc(book.text, 2);
    const before = parseAbc(book.text).tunes;
    const after = parseAbc(up).tunes;
    assert.equal(after.length, before.length);
    before.forEach((tune, k) => {
      const was = abcjsNotes(book.text.slice(tune.start, tune.end));
      const now = abcjsNotes(up.slice(after[k].start, after[k].end));
      const where = `${book.name} X:${tune.reference} ${tune.title}`;
      assert.equal(now.length, was.length, where);
      assert.deepEqual(now.map((n) => n.at), was.map((n) => n.at), where);
      assert.deepEqual(now.map((n) => n.pitch), was.map((n) => n.pitch + 2), where);
    });
  }
});

test('to a named key: the tune\'s key is spelled as named, the nearer way', () => {
  const text = 'X:1\nK:D\n"D"DFA d2|"A7/C#"^c2 e2|\n';
  const d = parseKey('D').key;
  const toGb = intervalToKey(d, 'Gb');
  assert.deepEqual(toGb, { semitones: 4, fifthsDelta: -8 });
  const toFs = intervalToKey(d, 'F#');
  assert.deepEqual(toFs, { semitones: 4, fifthsDelta: 4 });
  if ('error' in toGb || 'error' in toFs) return;
  assert.equal(transposeAbc(text, toGb.semitones, { fifthsDelta: toGb.fifthsDelta }), 'X:1\nK:Gb\n"Gb"GBd g2|"Db7/F"=f2 a2|\n');
  assert.equal(transposeAbc(text, toFs.semitones, { fifthsDelta: toFs.fifthsDelta }), 'X:1\nK:F#\n"F#"FAc f2|"C#7/E#"^e2 g2|\n');
  assert.deepEqual(intervalToKey(d, 'A'), { semitones: -5, fifthsDelta: 1 });
  assert.match((intervalToKey(d, 'H#') as { error: string }).error, /not a key/);
});

test('K: keeps how it is written: mode words, accidentals against the key, clef and transpose=', () => {
  assert.equal(transposeAbc('X:1\nK:Dm^c\nd^c|\n', 2), 'X:1\nK:Em^d\ne^d|\n');
  assert.equal(transposeAbc('X:1\nK:A mixolydian clef=treble transpose=-2 % fiddle\nA|\n', 2), 'X:1\nK:B mixolydian clef=treble transpose=-2 % fiddle\nB|\n');
  assert.equal(transposeAbc('X:1\nK:G\nG [K:Ador] A|\n', -2), 'X:1\nK:F\nF [K:Gdor] G|\n');
  // exp: the list is the whole signature, so letters that were natural gain accidentals (and lose them back).
  const exp = 'X:1\nK:D exp ^f ^c\nDEFG ABcd|\n';
  assert.equal(transposeAbc(exp, 2), 'X:1\nK:E exp ^f ^c ^g ^d\nEFGA Bcde|\n');
  assert.equal(transposeAbc(transposeAbc(exp, 2), -2), exp);
  assert.equal(transposeAbc('X:1\nK:F exp _b\nFGAB|\n', 1), 'X:1\nK:Gb exp _b _e _a _d _g _c\nGABc|\n');
});

test('a selection: only its notes and chord symbols move, written against the key in force; other notes keep their sound', () => {
  const text = 'X:1\nL:1/4\nK:C\n"C"C E G c|^c c "G"G2|\n';
  const start = text.indexOf('^c');
  const moved = transposeAbc(text, 2, { range: { start, end: start + 2 } });
  assert.equal(moved, 'X:1\nL:1/4\nK:C\n"C"C E G c|^d ^c "G"G2|\n');
  const whole = transposeAbc(text, 2, { range: { start: 0, end: text.length } });
  assert.equal(whole, transposeAbc(text, 2));
});

test('chord symbols: words that are no chord stay; a named style of bass is kept', () => {
  assert.equal(transposeAbc('X:1\nK:D\n"Coda"D "Fine"F "D.C."A "N.C."z "Bm7b5"B "Dsus4"d|\n', 2), 'X:1\nK:E\n"Coda"E "Fine"G "D.C."B "N.C."z "C#m7b5"c "Esus4"e|\n');
});

test('octave marks on the other case are kept (A\' stays upper case)', () => {
  assert.equal(transposeAbc("X:1\nK:D\nA' c, a|\n", 2), "X:1\nK:E\nB' d, b|\n");
});
