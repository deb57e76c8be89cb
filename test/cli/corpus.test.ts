import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { choraleModelTokens, parseSatb } from '../../src/satb';
import { corporaDir } from '../satb/helpers';
import { runInProcess } from './run-cli';

const readCorpus = (dir: string) => ({
  vocab: JSON.parse(readFileSync(join(dir, 'vocab.json'), 'utf8')),
  pieces: readFileSync(join(dir, 'pieces.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l)),
});

test('bachbot corpus writes vocab.json and pieces.jsonl for the Bach chorales', async () => {
  const out = mkdtempSync(join(tmpdir(), 'corpus-satb-'));
  const bach = join(corporaDir(), 'bach-chorales');
  const r = await runInProcess('corpus', [bach, '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  const summary = JSON.parse(r.stdout);
  assert.equal(summary.pieces, 330);
  assert.equal(summary.vocabulary, 111);
  assert.ok(summary.tokens > 360_000 && summary.tokens < 370_000);

  const { vocab, pieces } = readCorpus(out);
  assert.equal(vocab.type, 'satb');
  assert.deepEqual(vocab.specials, { start: 'START', end: 'END' });
  assert.deepEqual(vocab.vocab.slice(0, 2), ['START', 'END']);
  assert.deepEqual(vocab.vocab.slice(2), [...vocab.vocab.slice(2)].sort());
  assert.equal(new Set(vocab.vocab).size, vocab.vocab.length);
  const names = pieces.map((p: { name: string }) => p.name);
  assert.deepEqual(names, [...names].sort());
  assert.equal(names[0], 'chor001.satb');
  // ids decode to the model tokens of the piece.
  const first = parseSatb(readFileSync(join(bach, 'chor001.satb'), 'utf8')).chorale;
  assert.deepEqual(pieces[0].ids.map((i: number) => vocab.vocab[i]), choraleModelTokens(first));
  assert.equal(pieces.reduce((n: number, p: { ids: number[] }) => n + p.ids.length, 0), summary.tokens);
});

test('bachbot corpus skips pieces with errors and refuses mixed types', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'corpus-in-'));
  copyFileSync(join(corporaDir(), 'bach-chorales', 'chor002.satb'), join(dir, 'b.satb'));
  writeFileSync(join(dir, 'a.satb'), 'START\n(60,False) (55,False) |||\n(60,False) (55,Flase) (52,False) (48,False) |||\nEND\n');
  const out = join(dir, 'out');
  const r = await runInProcess('corpus', [dir, '--out', out]);
  assert.equal(r.code, 0);
  assert.match(r.stderr, /a\.satb:3:12: error: unknown token '\(55,Flase\)'/);
  assert.deepEqual(readCorpus(out).pieces.map((p: { name: string }) => p.name), ['b.satb']);

  writeFileSync(join(dir, 'c.abc'), 'X:1\nK:C\nCDEF|\n');
  const mixed = await runInProcess('corpus', [dir, '--out', out]);
  assert.equal(mixed.code, 2);
  assert.match(mixed.stderr, /one type/);
  assert.equal((await runInProcess('corpus', [dir])).code, 2);
});

test('bachbot corpus names ABC tunes file#n and uses <tune> </tune> as specials', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'corpus-abc-'));
  writeFileSync(join(dir, 'reels.abc'), 'X:1\nT:One\nM:4/4\nL:1/8\nK:G\nGABc d2e2|\n\nX:2\nT:Two\nM:4/4\nL:1/8\nK:D\nDEFG A4|\n');
  const out = join(dir, 'out');
  const r = await runInProcess('corpus', [join(dir, 'reels.abc'), '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  const { vocab, pieces } = readCorpus(out);
  assert.equal(vocab.type, 'abc');
  assert.deepEqual(vocab.vocab.slice(0, 2), ['<tune>', '</tune>']);
  assert.deepEqual(pieces.map((p: { name: string }) => p.name), ['reels.abc#1', 'reels.abc#2']);
  assert.equal(vocab.vocab[pieces[0].ids[0]], '<tune>');
  assert.equal(vocab.vocab[pieces[1].ids.at(-1)], '</tune>');
});

test('bachbot corpus walks subfolders in path order, names pieces by their path below the folder, skips hidden folders', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'corpus-tree-'));
  const tune = (t: string) => `X:1\nT:${t}\nM:2/4\nL:1/8\nK:C\nCDEF|G4|]\n`;
  for (const sub of ['b/deep', 'a', '.git']) mkdirSync(join(dir, 'in', sub), { recursive: true });
  writeFileSync(join(dir, 'in', 'top.abc'), tune('top'));
  writeFileSync(join(dir, 'in', 'a', 'top.abc'), tune('same base name'));
  writeFileSync(join(dir, 'in', 'b', 'deep', 'low.abc'), tune('low'));
  writeFileSync(join(dir, 'in', '.git', 'hidden.abc'), tune('hidden'));
  writeFileSync(join(dir, 'in', 'a', 'notes.txt'), 'not notation');
  const out = join(dir, 'out');
  const r = await runInProcess('corpus', [join(dir, 'in'), '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(readCorpus(out).pieces.map((p: { name: string }) => p.name), ['a/top.abc#1', 'b/deep/low.abc#1', 'top.abc#1']);
});
