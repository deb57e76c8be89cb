// Issue 13's worst cases for completion and harmonization: each input must be answered (a result or a refusal) at a cost bounded by
// the context window, not by the document. A quadratic replay or a whole-document encode would not finish here.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { complete, DEFAULT_CONTEXT_TOKENS, harmonizeText } from '../../src/model';
import { abcCompletionContext } from '../../src/model/tasks/abc-complete';
import { satbCompletionContext } from '../../src/model/tasks/satb-complete';
import { abcCompletionProblems } from './helpers/abc-checks';
import { AdversarialNetwork, fakeHarmonizer, harmonizerVocab } from './helpers/fake-harmonizer';
import { fakeModel, satbTestVocab } from './helpers/fake-model';
import { satbProblems } from './helpers/satb-checks';

const ABC_VOCAB: string[] = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'abc-vocab.json'), 'utf8'));

function endCursor(text: string): { line: number; column: number } {
  const lines = text.split('\n');
  return { line: lines.length - 1, column: lines[lines.length - 1].length };
}

function repeatTo(unit: string, chars: number): string {
  return unit.repeat(Math.ceil(chars / unit.length));
}

test('a .satb frame of 100,000 voices without ||| is refused without reading it into the model', async () => {
  const { model, step } = fakeModel('satb', satbTestVocab());
  const doc = `% meter: 4/4\nSTART\n${'(72,False) '.repeat(100_000)}`;
  assert.equal(satbCompletionContext(model, doc, endCursor(doc)), undefined);
  assert.deepEqual(await complete(model, doc, endCursor(doc), { n: 3 }), []);
  assert.equal(step.steps, 0, 'nothing was encoded');
  const five = 'START\n(72,False) (67,False) (64,False) (48,False) (48,False) ';
  assert.equal(satbCompletionContext(model, five, endCursor(five)), undefined, 'a fifth voice is enough');
});

test('a long chorale reads only the context window and still completes valid frames', async () => {
  const { model } = fakeModel('satb', satbTestVocab());
  const frames = Array.from({ length: 20_000 }, (_, i) => `(${72 + (i % 3)},False) (67,False) (64,False) (48,False) |||`);
  const doc = `% meter: 4/4\nSTART\n${frames.join('\n')}\n(74,False) (67,True)`;
  const context = satbCompletionContext(model, doc, endCursor(doc))!;
  assert.ok(context.ids.length <= DEFAULT_CONTEXT_TOKENS, `window of ${context.ids.length} tokens`);
  const out = await complete(model, doc, endCursor(doc), { n: 2, maxFrames: 2 });
  assert.ok(out.length > 0);
  for (const s of out) assert.deepEqual(satbProblems(`${doc}${s.text}END\n`), [], s.text);
});

test('ABC without bar lines (21 KB, 106 KB) in free meter: a window of at most the token cap, valid completions', async () => {
  const { model } = fakeModel('abc', ABC_VOCAB);
  for (const size of [21_000, 106_000]) {
    const doc = `X:1\nT:no bar lines\nM:none\nL:1/8\nK:G\n${repeatTo('GABc BAGA ', size)}G`;
    const context = abcCompletionContext(model, doc, endCursor(doc))!;
    assert.ok(context.ids.length <= DEFAULT_CONTEXT_TOKENS, `${size} chars: window of ${context.ids.length} tokens`);
    const typed = abcCompletionContext(model, `${doc}A`, endCursor(`${doc}A`))!;
    assert.deepEqual(typed.ids.slice(0, -1), context.ids, 'one more note keeps the window where it was');
    const out = await complete(model, doc, endCursor(doc), { n: 2 });
    assert.ok(out.length > 0, `${size} chars: suggestions`);
    for (const s of out) assert.match(s.text, /\|$/, 'the free bar ends with a bar line');
  }
});

test('ABC without bar lines in 4/4: the bar is past its length, so nothing is suggested and nothing is encoded', async () => {
  const { model, step } = fakeModel('abc', ABC_VOCAB);
  const doc = `X:1\nT:no bar lines\nM:4/4\nL:1/8\nK:G\n${repeatTo('GABc BAGA ', 21_000)}`;
  assert.deepEqual(await complete(model, doc, endCursor(doc), { n: 3 }), []);
  assert.equal(step.steps, 0);
});

test('a window cut inside a long bar still finishes that bar exactly (the bar state comes from the whole tune)', async () => {
  const { model } = fakeModel('abc', ABC_VOCAB);
  // 256 eighths a bar, spaced: bars of 513 tokens, and the last bar line too near the cursor to start a window on.
  const bar = `${'G A B c '.repeat(64)}|`;
  const doc = `X:1\nT:long bars\nM:128/4\nL:1/8\nK:G\n${bar.repeat(10)}\n${'G A B c '.repeat(11)}`;
  const context = abcCompletionContext(model, doc, endCursor(doc))!;
  assert.ok(context.ids.length <= DEFAULT_CONTEXT_TOKENS, `window of ${context.ids.length} tokens`);
  const whole = abcCompletionContext(model, doc, endCursor(doc), 0, Number.POSITIVE_INFINITY)!.ids;
  let head = 0;
  while (context.ids[head] === whole[head]) head++;
  const cutAfter = model.vocab.token(whole[whole.length - (context.ids.length - head) - 1]);
  assert.notEqual(cutAfter, '|', 'the window starts inside a bar');
  const out = await complete(model, doc, endCursor(doc), { n: 2 });
  assert.ok(out.length > 0);
  for (const s of out) assert.deepEqual(abcCompletionProblems(doc + s.text, doc.length), [], s.text);
});

test('an ABC melody longer than 32,768 sixteenths is refused with the limit in bars and where it passes it', async () => {
  const network = new AdversarialNetwork(harmonizerVocab());
  const model = fakeHarmonizer(network);
  const doc = `X:1\nT:too long\nM:4/4\nL:1/1\nK:C\n${'C|'.repeat(2048)}\nD|]\n`;
  await assert.rejects(harmonizeText(model, doc, 'abc', undefined, { beamWidth: 1 }), {
    name: 'EngineInputError',
    message: 'line 7, column 1: the melody runs past 32,768 sixteenths (2,048 bars of M:4/4), the most BachBot harmonizes at once; split the tune into parts and harmonize each',
  });
  assert.equal(network.calls, 0, 'refused before any search');
  const sixEight = `X:1\nT:too long\nM:6/8\nL:1/8\nK:C\n${'C6|'.repeat(2731)}]\n`;
  await assert.rejects(harmonizeText(model, sixEight, 'abc', undefined, { beamWidth: 1 }), /\(2,730 bars of M:6\/8\)/);
  const oneNote = 'X:1\nT:one long note\nM:4/4\nL:1/1\nK:C\nC4096|]\n';
  await assert.rejects(harmonizeText(model, oneNote, 'abc', undefined, { beamWidth: 1 }), /^EngineInputError: line 6, column 1: the melody runs past/);
});
