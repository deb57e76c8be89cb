import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { complete } from '../../src/model';
import { keyAccidentals, parseKey, type Letter } from '../../src/music/key';
import { TUNES, abcCompletionProblems } from './helpers/abc-checks';
import { fakeModel } from './helpers/fake-model';

const VOCAB: string[] = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'abc-vocab.json'), 'utf8'));


/** Accidentals in `added` that neither restate the key signature nor appear (same letter, same sign) in `prefix`. */
function foreignAccidentals(prefix: string, added: string): string[] {
  const key = parseKey(/^K:(.*)$/m.exec(prefix)![1]).key;
  const signature = keyAccidentals(key);
  const values: Record<string, number> = { '^': 1, _: -1, '=': 0, '^^': 2, __: -2 };
  const used = new Set([...prefix.slice(prefix.indexOf('K:')).matchAll(/(\^\^|__|[\^_=])([A-Ga-g])/g)].map((m) => `${m[1]}${m[2].toUpperCase()}`));
  return [...added.replace(/"[^"]*"/g, '').matchAll(/(\^\^|__|[\^_=])([A-Ga-g])/g)]
    .filter((m) => values[m[1]] !== signature[m[2].toUpperCase() as Letter] && !used.has(`${m[1]}${m[2].toUpperCase()}`))
    .map((m) => m[0]);
}

function cursorAtEnd(text: string): { line: number; column: number } {
  const lines = text.split('\n');
  return { line: lines.length - 1, column: lines[lines.length - 1].length };
}

test('abc completions finish the bar exactly and stay in the key', async () => {
  const { model } = fakeModel('abc', VOCAB);
  let checked = 0;
  for (const tune of TUNES) {
    const body = tune.indexOf('\n', tune.indexOf('K:')) + 1;
    for (let cut = body + 1; cut < tune.length; cut += 3) {
      const prefix = tune.slice(0, cut);
      const out = await complete(model, prefix, cursorAtEnd(prefix), { n: 3, seed: cut, maxBars: 1 });
      for (const s of out) {
        assert.deepEqual(abcCompletionProblems(prefix + s.text, prefix.length), [], `${JSON.stringify(prefix.slice(body))} + ${JSON.stringify(s.text)}`);
        assert.deepEqual(foreignAccidentals(prefix, s.text), [], `${s.text}: accidentals outside the key that the tune did not use`);
        checked++;
      }
    }
  }
  assert.ok(checked > 100, `${checked} completions checked`);
});

test('abc completion stops at the bar line after the requested bars', async () => {
  const { model } = fakeModel('abc', VOCAB);
  const prefix = TUNES[0].slice(0, TUNES[0].indexOf('d2d'));
  const one = await complete(model, prefix, cursorAtEnd(prefix), { n: 2, maxBars: 0 });
  assert.ok(one.length > 0);
  for (const s of one) assert.match(s.text, /^[^|]+(\||\|\||\|\])$/);
  const three = await complete(model, prefix, cursorAtEnd(prefix), { n: 2, maxBars: 2 });
  for (const s of three) assert.equal(s.text.match(/\|+\]?/g)?.length, 3, s.text);
});

test('no abc completion in the header, a field line, a comment or a chord symbol being typed', async () => {
  const { model } = fakeModel('abc', VOCAB);
  const tune = TUNES[0];
  assert.deepEqual(await complete(model, tune, { line: 1, column: 3 }, {}), []);
  assert.deepEqual(await complete(model, tune, { line: 4, column: 3 }, {}), []);
  const lyric = tune + 'w:la la\n';
  assert.deepEqual(await complete(model, lyric, { line: 7, column: 7 }, {}), []);
  const comment = tune + '% note to self';
  assert.deepEqual(await complete(model, comment, cursorAtEnd(comment), {}), []);
  const chord = tune + '"G';
  assert.deepEqual(await complete(model, chord, cursorAtEnd(chord), {}), []);
});

test('a full bar without its bar line completes with the bar line and the next bar', async () => {
  const { model } = fakeModel('abc', VOCAB);
  const prefix = TUNES[2].slice(0, TUNES[2].indexOf('|'));
  const out = await complete(model, prefix, cursorAtEnd(prefix), { n: 2 });
  assert.ok(out.length > 0);
  for (const s of out) {
    assert.match(s.text, /^\|\|?[^|]+\|\|?$/);
    assert.deepEqual(abcCompletionProblems(prefix + s.text, prefix.length), []);
  }
});

test('in a file of several tunes the cursor\'s tune is completed, and never in the middle of a line', async () => {
  const { model } = fakeModel('abc', VOCAB);
  const file = `${TUNES[2]}\n${TUNES[0]}`;
  const second = file.lastIndexOf('d2d G3|') + 'd2d G3|'.length;
  const prefix = file.slice(0, second);
  const out = await complete(model, prefix, cursorAtEnd(prefix), { n: 2 });
  assert.ok(out.length > 0);
  for (const s of out) {
    assert.deepEqual(abcCompletionProblems(prefix + s.text, prefix.length), []);
    assert.doesNotMatch(s.text, /\^[Gg]/, 'the jig (in G) has not written ^G, only the waltz before it did');
  }
  const lines = file.split('\n');
  const row = lines.findIndex((l) => l.startsWith('"G"g2g'));
  assert.deepEqual(await complete(model, file, { line: row, column: 6 }, {}), []);
});
