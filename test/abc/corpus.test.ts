import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkAbc } from '../../src/abc/check';
import { abcModelTokens, abcTokensToText, advanceBarState, initialBarState } from '../../src/abc/model-tokens';
import { parseAbc } from '../../src/abc/parse';
import { analyzeTiming } from '../../src/abc/timing';
import { nottinghamFiles } from './helpers';

const files = nottinghamFiles();

/** The documented normalization of a body, written independently of the tokenizer. */
function normalizeBody(body: string): string {
  const out: string[] = [];
  for (const line of body.replace(/\r\n/g, '\n').split('\n')) {
    if (/^\s*%/.test(line)) continue;
    if (/^[A-Za-z]:/.test(line) && !/^[KMLPV]:/.test(line)) continue;
    out.push(line.replace(/\s*%.*$/, ''));
  }
  return out.join('\n');
}

test('all 974 Nottingham tunes parse without errors', () => {
  let tunes = 0;
  for (const f of files) {
    const { tunes: t, diagnostics } = parseAbc(f.text);
    tunes += t.length;
    const errors = diagnostics.filter((d) => d.severity === 'error');
    assert.deepEqual(errors, [], f.name);
  }
  assert.equal(tunes, 974);
});

test('tokens reproduce every Nottingham body exactly (after the documented normalization)', () => {
  let tokens = 0;
  const vocab = new Set<string>();
  for (const f of files) {
    const { tunes } = parseAbc(f.text);
    const pieces = abcModelTokens(f.text);
    assert.equal(pieces.length, tunes.length);
    pieces.forEach((p, k) => {
      const t = tunes[k];
      const header = `X:1\nM:${t.meter.text}\nL:${t.unitLength}\nK:${t.keyText}\n`;
      assert.equal(abcTokensToText(p.tokens), header + normalizeBody(f.text.slice(t.bodyStart, t.end)), `${f.name}#${k + 1}`);
      tokens += p.tokens.length;
      for (const tok of p.tokens) vocab.add(tok);
    });
  }
  assert.ok(vocab.size < 1500, `vocabulary ${vocab.size}`);
  assert.ok(tokens > 100_000);
});

test('the bar state of the token stream agrees with the checker on every Nottingham bar', () => {
  for (const f of files) {
    const { tunes } = parseAbc(f.text);
    const pieces = abcModelTokens(f.text);
    tunes.forEach((tune, k) => {
      const expected = analyzeTiming(tune).bars.map((b) => b.duration.toString());
      const got: string[] = [];
      let s = initialBarState();
      for (const tok of pieces[k].tokens) {
        const before = s;
        s = advanceBarState(s, tok);
        if (s.barIndex > before.barIndex || (tok === '</tune>' && !before.barDurationSoFar.isZero())) {
          got.push(before.barDurationSoFar.mul(before.unitLength).toString());
        }
      }
      assert.deepEqual(got, expected, `${f.name}#${k + 1}`);
    });
  }
});

test('Nottingham bar-length warnings are all short bars (no bar is too long)', () => {
  let count = 0;
  for (const f of files) {
    for (const d of checkAbc(f.text)) {
      if (d.code !== 'abc.bar-length') continue;
      count++;
      assert.match(d.message, /too short/, `${f.name}:${d.range.start.line + 1}`);
    }
  }
  assert.ok(count < 40, `${count} bar-length warnings`);
});
