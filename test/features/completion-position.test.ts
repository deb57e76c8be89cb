import { test } from 'node:test';
import assert from 'node:assert/strict';
import { completionBlocker } from '../../src/model/tasks/completion-position';
import { atCursor } from './cursor';

function blocker(language: 'abc' | 'satb', fixture: string): string | undefined {
  const { text, offset } = atCursor(fixture);
  return completionBlocker(language, text, offset);
}

const HEADER = 'X:1\nT:Test\nM:4/4\nL:1/8\nK:D\n';

test('ABC: the body of a tune is a place for ghost text', () => {
  assert.equal(blocker('abc', `${HEADER}DEF|┃`), undefined);
  assert.equal(blocker('abc', `${HEADER}DEF|\n┃`), undefined);
});

test('ABC: header, field lines, comments, chord symbols and mid-line positions are not', () => {
  assert.equal(blocker('abc', 'X:1\nT:Te┃'), 'field line');
  assert.equal(blocker('abc', 'X:1\nT:Test\n┃'), 'tune header');
  assert.equal(blocker('abc', `${HEADER}DEF % a note┃`), 'comment');
  assert.equal(blocker('abc', `${HEADER}%%score┃`), 'comment');
  assert.equal(blocker('abc', `${HEADER}"Am┃`), 'inside a chord symbol');
  assert.equal(blocker('abc', `${HEADER}!ferm┃`), 'inside a decoration');
  assert.equal(blocker('abc', `${HEADER}DE┃F|`), 'middle of a line');
  assert.equal(blocker('abc', `${HEADER}w:ly┃`), 'field line');
});

test('ABC: the second tune of a file has its own header', () => {
  assert.equal(blocker('abc', `${HEADER}DEF|\n\nX:2\nT:Two\n┃`), 'tune header');
});

test('ABC: after a blank line the tune has ended; free text until the next X: gets no ghost text', () => {
  assert.equal(blocker('abc', `${HEADER}DEF|\n\nSome notes about the tune┃`), 'free text between tunes');
  assert.equal(blocker('abc', `${HEADER}DEF|\n\n┃`), 'free text between tunes');
  assert.equal(blocker('abc', `${HEADER}DEF|\n\nX:2\nT:Two\nK:G\nGAB┃`), undefined);
});

test('SATB: after a whole token inside START..END is a place for ghost text', () => {
  assert.equal(blocker('satb', 'START\n(72,False) (67,False) (64,False) (48,False) |||\n┃\nEND'), undefined);
  assert.equal(blocker('satb', 'START\n(72,False)┃'), undefined);
  assert.equal(blocker('satb', 'START┃'), undefined);
});

test('SATB: metadata, after END, comments and half-written tokens are not', () => {
  assert.equal(blocker('satb', '% title: x\n┃'), 'before START');
  assert.equal(blocker('satb', '% START\n┃'), 'before START');
  assert.equal(blocker('satb', 'START\n(72,False) (r) (r) (r) |||\nEND\n┃'), 'after END');
  assert.equal(blocker('satb', 'START\n% my ┃'), 'comment');
  assert.equal(blocker('satb', 'START\n(72,Fa┃'), 'inside a token');
});

test('ABC: a line of chord symbols and decorations in any order: inside one exactly when an odd number of its marks came before', () => {
  const marks = ['"', '!', 'A', ' '];
  let seed = 7;
  const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let n = 0; n < 500; n++) {
    const line = Array.from({ length: 1 + Math.floor(next() * 12) }, () => marks[Math.floor(next() * marks.length)]).join('');
    const quotes = line.split('"').length - 1;
    const bangs = line.replace(/"[^"]*"/g, '').split('!').length - 1;
    const expected = quotes % 2 === 1 ? 'inside a chord symbol' : bangs % 2 === 1 ? 'inside a decoration' : undefined;
    assert.equal(completionBlocker('abc', HEADER + line, HEADER.length + line.length), expected, JSON.stringify(line));
  }
});
