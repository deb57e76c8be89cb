import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkAbc } from '../../src/abc/check';
import { parseAbc } from '../../src/abc/parse';
import { abcjsTunes, tunebooks } from './tunebooks';

const books = tunebooks();

function tuneOf(tunes: { start: number; end: number }[], offset: number): number {
  return tunes.findIndex((t) => offset >= t.start && offset <= t.end);
}

test('tunebooks: no error in a tune that abcjs reads without a warning', () => {
  for (const book of books) {
    const { tunes } = parseAbc(book.text);
    const theirs = abcjsTunes(book.text, tunes);
    const wrong = checkAbc(book.text)
      .filter((d) => d.severity === 'error')
      .filter((d) => (theirs[tuneOf(tunes, d.range.start.offset)]?.warnings ?? []).length === 0)
      .map((d) => `${book.name}:${d.range.start.line + 1}:${d.range.start.column + 1} ${d.message}`);
    assert.deepEqual(wrong, []);
    assert.ok(tunes.length > 0, book.name);
  }
});

test('old-time tunebook: bar-length warnings only in the tunes whose bars really do not add up', () => {
  const book = books.find((b) => b.name === 'old-time-tunebook.abc');
  if (!book) return;
  const { tunes } = parseAbc(book.text);
  const warned = new Map<string, number>();
  for (const d of checkAbc(book.text)) {
    if (d.severity === 'error') assert.fail(`${d.range.start.line + 1}: ${d.message}`);
    if (d.code !== 'abc.bar-length') continue;
    const title = tunes[tuneOf(tunes, d.range.start.offset)].title ?? '';
    warned.set(title, (warned.get(title) ?? 0) + 1);
  }
  assert.deepEqual(Object.fromEntries(warned), {
    // Written in 2/4 bars under M:4/4 throughout: one warning that names the meter.
    Columbus: 1,
    // "Crooked tune; extra beats at midpoint and end of high part" (its N: field): bars of 1/4 and 2/4.
    'Rose in the Mountain': 3,
    // "There's an extra half-measure in the middle of the A part" (its N: field).
    'Grey Owl': 1,
    // Ends `d3 !D.C.!x |]`: 4/8 in 3/4, which no pickup of the tune completes.
    'Chocolates for Sarah': 1,
  });
});

test('hand-made tunebook: every bar adds up, so no bar-length warning; abcjs warns on none of its tunes', () => {
  const book = books.find((b) => b.name === 'handmade-tunebook.abc');
  if (!book) return;
  const { tunes } = parseAbc(book.text);
  assert.equal(tunes.length, 12);
  assert.deepEqual(abcjsTunes(book.text, tunes).map((t) => t.warnings ?? []).filter((w) => w.length > 0), []);
  const findings = checkAbc(book.text).filter((d) => d.severity !== 'info').map((d) => `${d.range.start.line + 1}: ${d.severity} ${d.message}`);
  assert.deepEqual(findings, []);
});
