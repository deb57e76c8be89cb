// src/eval: the validation cross-entropy recomputed in Node must equal PyTorch's (config.json), and the
// harmonization and ABC figures must count what they say.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { resolveCorporaDir } from '../../src/cli/bench-tokenizers';
import { bodyThroughBars, splitHeader } from '../../src/eval/abc-validity';
import { crossEntropy } from '../../src/eval/cross-entropy';
import { negativeLogProb } from '../../src/model/tasks/surprisal';
import { harmonizationFigures, melodyOnly } from '../../src/eval/harmonization';
import { CORPUS_FOLDERS, corpusPieces, toIds, validationPieces, type CorpusKind } from '../../src/eval/validation-set';
import { loadModel } from '../../src/model';

const REPO = resolve(__dirname, '..', '..');
const CORPORA = resolveCorporaDir();

function validation(kind: CorpusKind) {
  return validationPieces(corpusPieces(join(CORPORA, CORPUS_FOLDERS[kind]), kind));
}

test('negativeLogProb is -log softmax in doubles', () => {
  const logits = Float32Array.from([9, 1, 2, 3, 9]);
  const expected = -Math.log(Math.exp(2) / (Math.exp(1) + Math.exp(2) + Math.exp(3)));
  assert.ok(Math.abs(negativeLogProb(logits, 1, 3, 1) - expected) < 1e-12);
});

test('the validation split is every tenth piece by name', () => {
  const pieces = validation('satb');
  assert.equal(pieces.length, 33);
  assert.equal(pieces[0].name, 'chor011.satb');
  assert.equal(pieces[0].tokens[0], 'START');
});

for (const [kind, dir] of [['satb', 'test/fixtures/models/tiny-satb'], ['abc', 'test/fixtures/models/tiny-abc']] as const) {
  test(`${kind}: Node's validation loss from model.onnx equals PyTorch's in config.json`, async () => {
    const model = await loadModel(join(REPO, dir), { expectedType: kind });
    try {
      const pieces = validation(kind);
      const { nats, tokens } = await crossEntropy(model.stepper, pieces.map((p) => toIds(p, (t) => model.vocab.id(t))));
      const metrics = JSON.parse(readFileSync(join(REPO, dir, 'config.json'), 'utf8')).metrics;
      assert.equal(tokens, metrics.valid_tokens);
      assert.ok(Math.abs(nats - metrics.valid_loss_nats) < 1e-4, `node ${nats} vs pytorch ${metrics.valid_loss_nats}`);
    } finally {
      await model.dispose();
    }
  });
}

for (const kind of ['satb', 'abc'] as const) {
  const dir = join(REPO, 'models', kind);
  test(`shipped models/${kind} reproduces its config.json loss`, { skip: !existsSync(join(dir, 'model.onnx')) && `models/${kind} not exported yet` }, async () => {
    const model = await loadModel(dir, { expectedType: kind });
    try {
      const { nats } = await crossEntropy(model.stepper, validation(kind).map((p) => toIds(p, (t) => model.vocab.id(t))));
      const recorded = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')).metrics.valid_loss_nats;
      assert.ok(Math.abs(nats - recorded) < 1e-3, `node ${nats} vs config.json ${recorded}`);
    } finally {
      await model.dispose();
    }
  });
}

test('harmonization figures compare the model with Bach voice by voice', async () => {
  const model = await loadModel(join(REPO, 'test/fixtures/models/tiny-satb'));
  try {
    const chorale = validation('satb')[0].chorale!;
    const input = melodyOnly(chorale.frames);
    assert.deepEqual(input[3].voices[0], chorale.frames[3].voices[0]);
    assert.deepEqual(input[3].voices.slice(1).map((v) => v.kind), ['slot', 'slot', 'slot']);
    const f = await harmonizationFigures(model, [chorale], 1);
    assert.equal(f.frames, chorale.frames.length);
    assert.ok(f.voiceTokensEqual >= 0 && f.voiceTokensEqual <= 1);
    assert.ok(f.framesEqual <= f.voiceTokensEqual);
    assert.ok(f.bachFaultsPer100Frames >= 0);
  } finally {
    await model.dispose();
  }
});

test('ABC prompts: header through K:, body through the n-th plain bar line', () => {
  const tune = 'X:1\nT:A\nM:4/4\nL:1/8\nK:G\n|:GABc d2d2|e4 d4:|[1 ABcd e4|]\n';
  assert.deepEqual(splitHeader(tune), { header: 'X:1\nT:A\nM:4/4\nL:1/8\nK:G\n', body: '|:GABc d2d2|e4 d4:|[1 ABcd e4|]\n' });
  assert.equal(bodyThroughBars('|:GABc d2d2|e4 d4|c4 B4|', 2), '|:GABc d2d2|e4 d4|');
  assert.equal(bodyThroughBars('GABc|]', 1), undefined);
});
