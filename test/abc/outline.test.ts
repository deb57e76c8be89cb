import { test } from 'node:test';
import assert from 'node:assert/strict';
import { abcOutline } from '../../src/abc/outline';
import { parseAbc } from '../../src/abc/parse';
import { tunebooks } from './tunebooks';

const FILE = [
  'Free text before the tunes.',
  '',
  'X:1',
  'T:The First',
  'T:Another title',
  'M:6/8',
  'K:G',
  'P:A',
  'GAB c2d|',
  'P:B',
  'dcB A2G|]',
  '',
  'Notes between the tunes: | not music',
  '',
  'X:2',
  'T:Two Voices',
  'V:1 name="Fiddle"',
  'V:2',
  'K:Dm',
  '[V:1] A4 |',
  '[V:2] D4 |',
  '',
].join('\n');

test('the outline lists each tune (first title, X: key and meter), its parts and voices, with the text that names them', () => {
  const outline = abcOutline(FILE);
  assert.deepEqual(outline.map((t) => [t.name, t.detail]), [['The First', 'X:1 K:G M:6/8'], ['Two Voices', 'X:2 K:Dm']]);
  const [first, second] = outline;
  assert.equal(FILE.slice(first.nameStart, first.nameEnd), 'T:The First');
  assert.equal(FILE.slice(first.start, first.end), FILE.slice(FILE.indexOf('X:1'), FILE.indexOf('dcB A2G|]') + 9));
  assert.deepEqual(first.children.map((c) => [c.kind, c.name, FILE.slice(c.start, c.end)]), [
    ['part', 'Part A', 'P:A\nGAB c2d|'],
    ['part', 'Part B', 'P:B\ndcB A2G|]'],
  ]);
  assert.deepEqual(second.children.map((c) => [c.kind, c.name, c.detail, FILE.slice(c.nameStart, c.nameEnd)]), [
    ['voice', 'V:1', 'Fiddle', 'V:1 name="Fiddle"'],
    ['voice', 'V:2', '', 'V:2'],
  ]);
});

test('inline [P:] parts run to the next part', () => {
  const text = 'X:1\nT:t\nM:4/4\nK:D\n[P:A] abcd efga | [P:B] gfed cBAG |]\n';
  const parts = abcOutline(text)[0].children;
  assert.deepEqual(parts.map((p) => text.slice(p.start, p.end)), ['[P:A] abcd efga | ', '[P:B] gfed cBAG |]']);
});

test('a tune without T: is named by its number', () => {
  assert.deepEqual(abcOutline('X:7\nK:C\nCDE|\n').map((t) => t.name), ['Tune 7']);
});

test('tunebooks: one outline entry per tune, in order, each inside its tune', () => {
  for (const book of tunebooks()) {
    const tunes = parseAbc(book.text).tunes;
    const outline = abcOutline(book.text);
    assert.equal(outline.length, tunes.length, book.name);
    outline.forEach((entry, k) => {
      assert.equal(entry.start, tunes[k].start);
      assert.ok(entry.nameStart >= entry.start && entry.nameEnd <= entry.end, `${book.name} ${entry.name}`);
      for (const c of entry.children) assert.ok(c.start >= entry.start && c.end <= entry.end, `${book.name} ${entry.name} ${c.name}`);
    });
  }
});
