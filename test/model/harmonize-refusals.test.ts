// Issue 13, row 11: ABC with a meaningless unit length or meter, or an absurd note length, was harmonized anyway
// and its header rewritten (L:1/0 became L:1/8). A tune with errors is refused, as a .satb chorale is, at its first
// error; completion and Continue read such tunes without failing.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { planContinue, continuationText } from '../../src/features/continue/plan';
import { complete, harmonizeText } from '../../src/model';
import { EngineInputError } from '../../src/model/errors';
import { fakeModel, satbTestVocab } from './helpers/fake-model';

const ABC_VOCAB: string[] = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'abc-vocab.json'), 'utf8'));

const BROKEN: { text: string; error: RegExp }[] = [
  { text: 'X:1\nT:Zero unit\nM:4/4\nL:1/0\nK:G\nGABc dedB|dedB dedB|\n', error: /^line 4, column 3: unit length '1\/0' has a zero denominator$/ },
  { text: 'X:1\nT:Zero meter\nM:0/4\nL:1/8\nK:G\nGABc dedB|dedB dedB|\n', error: /^line 3, column 3: meter '0\/4' has no beats/ },
  { text: 'X:1\nT:Long note\nM:4/4\nL:1/8\nK:G\nGABc dedB|C999999999/3 dedB|\n', error: /^line 6, column 12: note length '999999999\/3' is out of range/ },
  { text: 'X:1\nT:Inline\nM:4/4\nL:1/8\nK:G\nGABc dedB|[M:0/4]dedB dedB|\n', error: /^line 6, column 11: meter '0\/4' has no beats/ },
];

/** The rejection is the engine's input error, its message matching `error`. */
const refusal = (error: RegExp) => (e: unknown) => e instanceof EngineInputError && error.test(e.message);

test('an ABC tune with errors is refused for harmonization at its first error, and the document is left alone', async () => {
  const { model } = fakeModel('satb', satbTestVocab());
  for (const { text, error } of BROKEN) await assert.rejects(harmonizeText(model, text, 'abc', undefined, { beamWidth: 2 }), refusal(error), text);
});

test("errors in another tune of the file do not stop the selected tune's harmonization", async () => {
  const { model } = fakeModel('satb', satbTestVocab());
  const good = 'X:2\nT:Good\nM:4/4\nL:1/8\nK:G\nGABc dedB|dedB dedB|\n';
  const text = `${BROKEN[0].text}\n${good}`;
  const at = text.indexOf('X:2');
  const out = await harmonizeText(model, text, 'abc', { start: at, end: at }, { beamWidth: 2 });
  assert.ok(out.startsWith(BROKEN[0].text), 'the broken tune is kept as written');
  assert.match(out.slice(at), /^X:2\nT:Good\n[^]*V:B/);
  await assert.rejects(harmonizeText(model, text, 'abc', { start: 0, end: 0 }, { beamWidth: 2 }), refusal(BROKEN[0].error));
});

test('completion and Continue read tunes with these errors without failing', async () => {
  const { model } = fakeModel('abc', ABC_VOCAB);
  for (const { text } of BROKEN) {
    const lines = text.split('\n');
    for (const cursor of [{ line: lines.length - 1, column: 0 }, { line: lines.length - 2, column: 10 }, { line: lines.length - 2, column: lines[lines.length - 2].length }]) {
      const out = await complete(model, text, cursor, { n: 2, seed: 1, maxBars: 1 });
      assert.ok(Array.isArray(out));
    }
    const offset = text.length;
    const plan = planContinue('abc', text, offset);
    assert.ok('request' in plan, text);
    const suggestions = await complete(model, text, { line: lines.length - 1, column: 0 }, { n: 1, seed: 2, ...plan.request });
    assert.equal(typeof (continuationText(text, offset, suggestions.map((s) => s.text)) ?? ''), 'string');
  }
});
