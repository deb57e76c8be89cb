// The features' plain-Node logic over the real engine, with ENGINE's tiny random-weight test model
// (plumbing, not musical quality), on the example documents.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { harmonizeAlternatives, loadModel, scoringTarget, spanSurprisals, surprisals } from '../../src/model';
import { applyReplacement, harmonizeTarget, minimalEdit } from '../../src/features/harmonize/text-edit';

const root = join(__dirname, '..', '..');
const example = (name: string) => readFileSync(join(root, 'examples', name), 'utf8');
const modelDir = join(root, 'test', 'model', 'fixtures', 'random-satb');

test('harmonizing the slots of a chorale is one replacement that keeps every given note and comment', async () => {
  const model = await loadModel(modelDir);
  const text = example('chorale-slots.satb');
  const [best] = await harmonizeAlternatives(model, text, 'satb', harmonizeTarget('satb', { start: 0, end: 0 }), { beamWidth: 2, alternatives: 1 });
  const edit = minimalEdit(text, best.text)!;
  assert.equal(applyReplacement(text, edit), best.text);
  assert.ok(!best.text.includes('(?)'));
  assert.ok(edit.start > text.indexOf('(?)') - 40 && edit.end < text.lastIndexOf('(?)') + 10, 'the edit stays around the slots');
  const soprano = (t: string) => t.split('\n').filter((l) => l.endsWith('|||')).map((l) => l.replace(/^\(\.\) /, '').split(' ')[0]);
  assert.deepEqual(soprano(best.text), soprano(text));
  assert.deepEqual(best.text.split('\n').filter((l) => l.startsWith('%')), text.split('\n').filter((l) => l.startsWith('%')));
  await model.dispose();
});

test('surprisal of every voice of the example chorale under the model', async () => {
  const model = await loadModel(modelDir);
  const text = example('chorale.satb');
  const target = scoringTarget('satb', text, model.vocab);
  assert.equal(target.stoppedAt, undefined);
  const scores = [await surprisals(model.stepper, target.pieces[0].ids)];
  const spans = spanSurprisals(target, scores);
  const frames = text.split('\n').filter((l) => l.endsWith('|||')).length;
  assert.equal(spans.length, 4 * frames);
  for (const s of spans) assert.ok(Number.isFinite(s.nats) && s.nats > 0);
  await model.dispose();
});
