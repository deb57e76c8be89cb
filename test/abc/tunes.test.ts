import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitAbcTunes, tuneAt as tuneIn } from '../../src/abc/tunes';
import { nottingham } from '../preview/helpers';

const tuneAt = (text: string, offset: number) => tuneIn(splitAbcTunes(text), offset);

const FILE = `% header
%%scale 0.8

X:1
T:First
K:C
CDEF|
X:2
T: Second one
K:G
GABc|
`;

test('tunes run from their X: line to the next one', () => {
  const tunes = splitAbcTunes(FILE);
  assert.deepEqual(tunes.map((t) => t.title), ['First', 'Second one']);
  assert.equal(FILE.slice(tunes[0].start, tunes[0].start + 3), 'X:1');
  assert.equal(tunes[0].end, tunes[1].start);
  assert.equal(tunes[1].end, FILE.length);
  assert.equal(tunes[1].text, FILE.slice(tunes[1].start));
});

test('the tune under the cursor is chosen; the header counts as the first tune', () => {
  assert.equal(tuneAt(FILE, 0)?.title, 'First');
  assert.equal(tuneAt(FILE, FILE.indexOf('CDEF'))?.title, 'First');
  assert.equal(tuneAt(FILE, FILE.indexOf('X:2'))?.title, 'Second one');
  assert.equal(tuneAt(FILE, FILE.length)?.title, 'Second one');
});

test('a fragment without X: is one tune; an empty file has none', () => {
  assert.deepEqual(splitAbcTunes('K:C\nCDE|').map((t) => [t.start, t.end]), [[0, 8]]);
  assert.equal(tuneAt('  \n', 0), undefined);
});

test('a corpus file splits into its tunes', () => {
  const text = nottingham('jigs.abc');
  const tunes = splitAbcTunes(text);
  assert.equal(tunes.length, (text.match(/^X:/gm) ?? []).length);
  assert.ok(tunes.length > 300);
  for (const t of tunes) assert.match(t.text, /^X:/);
});
