// Issue 13, row 8: a 200 KB line of music once threw "Maximum call stack size exceeded" (a spread of the line's
// tokens into one call) and aborted `bachbot corpus` and `eval`. Every path that reads a tune reads it whole.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkAbc } from '../../src/abc/check';
import { abcVoiceToFrames } from '../../src/abc/frames';
import { abcModelTokens, modelBodyText, tuneModelTokens } from '../../src/abc/model-tokens';
import { abcOutline } from '../../src/abc/outline';
import { parseAbc } from '../../src/abc/parse';
import { transposeAbc } from '../../src/abc/transpose';
import { abcMelodySearch } from '../../src/model/tasks/abc-harmonize-options';
import { choraleModelTokens } from '../../src/satb/model-tokens';
import type { Frame } from '../../src/satb/types';
import { runInProcess } from '../cli/run-cli';

const BAR = '"G"GABc dBgd|';
const LINE = BAR.repeat(Math.ceil(200_000 / BAR.length));
const TUNE = `X:1\nT:Long line\nM:4/4\nL:1/8\nK:G\n${LINE}\n`;
const BARS = LINE.length / BAR.length;
const TOKENS_PER_BAR = 11;

test('a 200 KB line parses, checks and outlines whole', () => {
  assert.ok(LINE.length >= 200_000);
  const parsed = parseAbc(TUNE);
  assert.deepEqual(parsed.diagnostics, []);
  assert.equal(parsed.tunes[0].elements.filter((e) => e.kind === 'bar').length, BARS);
  assert.deepEqual(checkAbc(TUNE), []);
  const [entry] = abcOutline(TUNE);
  assert.equal(entry.name, 'Long line');
  assert.equal(entry.end, TUNE.length - 1);
});

test('a 200 KB line becomes model tokens and back', () => {
  const [piece] = abcModelTokens(TUNE);
  assert.equal(piece.tokens.length, 5 + BARS * TOKENS_PER_BAR);
  const tune = parseAbc(TUNE).tunes[0];
  assert.equal(modelBodyText(tune, TUNE), LINE);
  assert.equal(tuneModelTokens(tune, TUNE).slice(4, -1).join(''), LINE);
});

test('a 200 KB line is transposed', () => {
  assert.equal(transposeAbc(TUNE, 2), TUNE.replace('K:G', 'K:A').split(BAR).join('"A"ABcd ecae|'));
});

test('a 200 KB line is read as a melody', () => {
  // 1,786 bars (28,576 sixteenths): within what the harmonizer reads (row 10 of the issue is another matter).
  const bar = `"^${'an annotation above the bar '.repeat(3)}""G"G2 Bd !trill!g2 (3fed|`;
  const line = bar.repeat(Math.ceil(200_000 / bar.length));
  const melody = abcVoiceToFrames(parseAbc(`X:1\nM:4/4\nL:1/8\nK:G\n${line}\n`).tunes[0]);
  assert.equal(melody.frames.length, (line.length / bar.length) * 16);
  const search = abcMelodySearch(melody, [36, 84], 'chorale');
  assert.equal(search.frames.length, melody.frames.length);
});

test('a chord of 200,000 notes is read as its highest note', () => {
  const text = `X:1\nL:1/4\nK:C\n[${'C'.repeat(200_000)}e]4|\n`;
  const melody = abcVoiceToFrames(parseAbc(text).tunes[0]);
  assert.equal(melody.frames.length, 16);
  const first = melody.frames[0].voices[0];
  assert.equal(first.kind === 'note' && first.pitch, 76);
});

test('a frame of 200,000 voices becomes model tokens', () => {
  const frame: Frame = { fermata: false, voices: Array.from({ length: 200_000 }, () => ({ kind: 'note' as const, pitch: 60, held: false })) };
  assert.equal(choraleModelTokens({ meta: { comments: [] }, frames: [frame] }).length, 200_000 + 3);
});

test('bachbot corpus reads a tunebook holding a 200 KB line', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'corpus-long-line-'));
  writeFileSync(join(dir, 'long.abc'), TUNE);
  const out = join(dir, 'out');
  const r = await runInProcess('corpus', [dir, '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  const pieces = readFileSync(join(out, 'pieces.jsonl'), 'utf8').trim().split('\n');
  assert.equal(pieces.length, 1);
  assert.equal(JSON.parse(pieces[0]).ids.length, 5 + BARS * TOKENS_PER_BAR);
});
