import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { NotationDiagnostic } from '../../src/common/diagnostic';
import { LineIndex } from '../../src/common/diagnostic';
import { checkAbc } from '../../src/abc/check';
import { abcModelTokens, abcTokensToText, abcBarState } from '../../src/abc/model-tokens';
import { parseAbc } from '../../src/abc/parse';
import { abcVoiceToFrames } from '../../src/abc/frames';
import { framesToAbcVoices } from '../../src/abc/frames-to-abc';
import { transposeAbc } from '../../src/abc/transpose';
import { nottinghamFiles, rng } from './helpers';

const ALPHABET = ['|', ':', '[', ']', '(', ')', '{', '}', '"', '!', '+', '^', '_', '=', ',', "'", '/', '2', '3', '>', '<', '-', '\\', '%', '\n', ' ', 'z', 'Z', 'x', 'A', 'c', 'K:', 'M:', 'L:', 'V:', 'X:', '[K:', '&', '~', '.', 'H', '\r\n', '0', '9999999'];

/** Real tunes cut to their header and a few body lines (small texts keep 10,000 runs fast). */
function snippetsOfCorpus(next: () => number): string[] {
  const out: string[] = [];
  for (const f of nottinghamFiles()) {
    for (const t of parseAbc(f.text).tunes) {
      const header = f.text.slice(t.start, t.bodyStart);
      const body = f.text.slice(t.bodyStart, t.end).split('\n');
      const from = Math.floor(next() * body.length);
      out.push(header + body.slice(from, from + 1 + Math.floor(next() * 3)).join('\n'));
    }
  }
  return out;
}

function mutate(text: string, next: () => number): string {
  const pick = <T>(xs: T[]) => xs[Math.floor(next() * xs.length)];
  let s = text;
  const edits = 1 + Math.floor(next() * 4);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(next() * (s.length + 1));
    const op = Math.floor(next() * 5);
    if (op === 0) s = s.slice(0, at) + pick(ALPHABET) + s.slice(at);
    else if (op === 1) s = s.slice(0, at) + s.slice(at + 1 + Math.floor(next() * 8));
    else if (op === 2) s = s.slice(0, at) + pick(ALPHABET) + s.slice(at + 1);
    else if (op === 3) s = s.slice(0, at);
    else s = s.slice(at) + s.slice(0, at);
  }
  return s;
}

function assertRanges(text: string, ds: NotationDiagnostic[], where: string): void {
  const index = new LineIndex(text);
  for (const d of ds) {
    const { start, end } = d.range;
    assert.ok(start.offset >= 0 && start.offset <= end.offset && end.offset <= text.length, `${where}: ${d.message}`);
    assert.deepEqual(index.positionAt(start.offset), start, where);
    assert.deepEqual(index.positionAt(end.offset), end, where);
  }
}

test('10,000 seeded mutations of real tunes: check, tokens, frames and transposition never throw; every range is valid', () => {
  const next = rng(20261123);
  const tunes = snippetsOfCorpus(next);
  for (let i = 0; i < 10_000; i++) {
    const text = mutate(tunes[Math.floor(next() * tunes.length)], next);
    const where = `mutation ${i}: ${JSON.stringify(text.slice(0, 80))}`;
    let ds: NotationDiagnostic[] = [];
    assert.doesNotThrow(() => {
      ds = checkAbc(text);
      for (const p of abcModelTokens(text)) {
        abcBarState(p.tokens);
        abcTokensToText(p.tokens);
      }
      for (const tune of parseAbc(text).tunes) {
        const r = abcVoiceToFrames(tune);
        assertRanges(text, r.diagnostics, where);
        framesToAbcVoices(r.frames, r);
      }
      if (i % 4 === 0) transposeAbc(text, (i % 11) - 5);
    }, where);
    assertRanges(text, ds, where);
    assert.ok(!ds.some((d) => d.code === 'abc.internal'), where);
  }
});
