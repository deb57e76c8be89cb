import { test } from 'node:test';
import assert from 'node:assert/strict';
import abcjs from 'abcjs';
import { choraleModelTokens, choraleToAbc, modelTokensToChorale, parseSatb, writeSatb } from '../../src/satb';
import { bachChorales } from './helpers';

const stripRanges = <T extends { range?: unknown }>(frames: T[]) => frames.map(({ range: _r, ...rest }) => rest);

test('every Bach chorale parses, round-trips through text and tokens, and becomes ABC that abcjs accepts', () => {
  const chorales = bachChorales();
  assert.equal(chorales.length, 330);
  let tokenCount = 0;
  for (const { name, text } of chorales) {
    const parsed = parseSatb(text);
    assert.deepEqual(parsed.diagnostics, [], name);

    // text → structure → text: the corpus is written in canonical form.
    const canonical = writeSatb(parsed.chorale);
    assert.equal(canonical, text, name);
    const again = parseSatb(canonical);
    assert.equal(writeSatb(again.chorale), canonical, name);
    assert.deepEqual(stripRanges(again.chorale.frames), stripRanges(parsed.chorale.frames), name);

    // Source tokens cover the text exactly: each token's range holds its text.
    for (const t of parsed.tokens) assert.equal(text.slice(t.range.start.offset, t.range.end.offset), t.text, name);

    // Model tokens → frames → the same text (apart from the comments, which the model never sees).
    const tokens = choraleModelTokens(parsed.chorale);
    tokenCount += tokens.length;
    const back = modelTokensToChorale(tokens);
    assert.deepEqual(back.diagnostics, [], name);
    assert.equal(writeSatb({ ...back.chorale, meta: parsed.chorale.meta }), text, name);

    const abc = choraleToAbc(parsed.chorale);
    const [tune] = abcjs.parseOnly(abc);
    assert.ok(tune, name);
    assert.deepEqual(tune.warnings ?? [], [], `${name}: ${abc}`);
  }
  assert.ok(tokenCount > 300_000 && tokenCount < 400_000, `about 365,000 tokens, got ${tokenCount}`);
});
