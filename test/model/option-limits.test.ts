// Issue 13, row 9: the engine's entry points refuse options outside src/common/limits.ts, whoever calls them, so
// that no caller can ask for a 1,000,000-wide beam or a million suggestions.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EngineInputError, complete, harmonize, harmonizeAlternatives, harmonizeLeftToRight, harmonizeText } from '../../src/model';
import { parseSatb } from '../../src/satb';
import { fakeHarmonizer } from './helpers/fake-harmonizer';
import { fakeModel, satbTestVocab } from './helpers/fake-model';

const SATB = 'START\n(72,False) (67,False) (64,False) (48,False) |||\n';
const END_OF_SATB = { line: 2, column: 0 };
const ABC = 'X:1\nT:t\nM:3/4\nL:1/4\nK:D\nA B c|d';
const END_OF_ABC = { line: 5, column: 7 };
const MELODY = 'START\n(72,False) (?) (?) (?) |||\n(74,False) (?) (?) (?) |||\nEND\n';

const refused = (pattern: RegExp) => (e: unknown) => e instanceof EngineInputError && pattern.test(e.message);

test('complete refuses counts, lengths and sampling settings out of range, naming the option', async () => {
  const { model: satb, step: satbStep } = fakeModel('satb', satbTestVocab());
  const cases: [object, RegExp][] = [
    [{ n: 1_000_000 }, /^n \(number of suggestions\) must be an integer from 1 to 20; got 1000000$/],
    [{ n: 0 }, /^n .* got 0$/],
    [{ maxFrames: 1e9 }, /^maxFrames \(frames to write\) must be an integer from 1 to 512; got 1000000000$/],
    [{ temperature: -1 }, /^temperature \(temperature\) must be a number from 0.05 to 2; got -1$/],
    [{ topP: 1.5 }, /^topP \(top-p\) must be a number from 0.01 to 1/],
    [{ seed: Number.NaN }, /^seed \(seed\) must be an integer/],
    [{ contextTokens: 0 }, /^contextTokens \(context tokens\) must be an integer of at least 16 \(or Infinity\)/],
  ];
  for (const [options, pattern] of cases) await assert.rejects(complete(satb, SATB, END_OF_SATB, options), refused(pattern), JSON.stringify(options));
  assert.equal(satbStep.steps, 0, 'nothing was asked of the model');
  const { model: abc } = fakeModel('abc', ['<tune>', '</tune>', 'A', 'B', '|']);
  await assert.rejects(complete(abc, ABC, END_OF_ABC, { maxBars: 1e9 }), refused(/^maxBars \(bars to write after the current one\) must be an integer from 0 to 32; got 1000000000$/));
  await assert.rejects(complete(abc, ABC, END_OF_ABC, { maxBars: 1.5 }), refused(/^maxBars .* integer/));
});

test('complete takes values at the bounds, and Infinity context tokens (the whole document)', async () => {
  const { model } = fakeModel('satb', satbTestVocab());
  const out = await complete(model, SATB, END_OF_SATB, { n: 20, maxFrames: 1, temperature: 2, topP: 0.01, seed: 0xffffffff, contextTokens: Infinity });
  assert.ok(out.length > 0);
});

test('harmonizeAlternatives, harmonizeText and harmonize refuse a beam or alternatives out of range, on both models', async () => {
  const { model: chorale, step } = fakeModel('satb', satbTestVocab());
  const harmonizer = fakeHarmonizer();
  const frames = parseSatb(MELODY).chorale.frames;
  for (const model of [chorale, harmonizer]) {
    await assert.rejects(harmonizeAlternatives(model, MELODY, 'satb', undefined, { beamWidth: 1_000_000 }), refused(/^beamWidth \(beam width\) must be an integer from 1 to 64; got 1000000$/));
    await assert.rejects(harmonizeAlternatives(model, MELODY, 'satb', undefined, { beamWidth: 0 }), refused(/^beamWidth .* got 0$/));
    await assert.rejects(harmonizeAlternatives(model, MELODY, 'satb', undefined, { alternatives: 1_000_000 }), refused(/^alternatives \(alternatives\) must be an integer from 1 to 20/));
    await assert.rejects(harmonizeText(model, MELODY, 'satb', undefined, { beamWidth: 1_000_000 }), refused(/^beamWidth/));
    await assert.rejects(harmonize(model, frames, { beamWidth: 2.5 }), refused(/^beamWidth .* integer/));
  }
  await assert.rejects(harmonizeLeftToRight(chorale, frames, { beamWidth: 65 }), refused(/^beamWidth/));
  assert.equal(step.steps, 0, 'nothing was asked of the model');
  const [best] = await harmonizeAlternatives(chorale, MELODY, 'satb', undefined, { beamWidth: 64, alternatives: 20 });
  assert.ok(best.text.includes('|||'));
});
