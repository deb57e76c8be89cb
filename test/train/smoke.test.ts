// End-to-end smoke test of train/: corpus (TypeScript tokenizer) -> a few PyTorch steps -> ONNX -> onnxruntime-node,
// whose logits must equal PyTorch's. Needs PyTorch; in CI a missing torch fails the test instead of skipping it.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as ort from 'onnxruntime-node';

const REPO = resolve(__dirname, '..', '..');
const PYTHON = process.env.BACHBOT_PYTHON ?? '/usr/bin/python3';
const CORPORA = process.env.BACHBOT_CORPORA ?? resolve(REPO, '..', 'shared', 'corpora');
const TOLERANCE = 1e-4;

function run(command: string, args: string[]): string {
  const result = spawnSync(command, args, { cwd: REPO, encoding: 'utf8', timeout: 120_000 });
  assert.equal(result.status, 0, `${command} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

function torchMissing(): string | undefined {
  const probe = spawnSync(PYTHON, ['-c', 'import torch'], { encoding: 'utf8' });
  if (probe.status === 0) return undefined;
  return `PyTorch not importable with ${PYTHON} (set BACHBOT_PYTHON): ${(probe.stderr || String(probe.error)).trim().split('\n').pop()}`;
}

/** False (the test skipped) without PyTorch; in CI a missing PyTorch fails the test instead. */
function torchAvailable(t: TestContext): boolean {
  const missing = torchMissing();
  if (!missing) return true;
  if (process.env.CI) assert.fail(`${missing} — the training smoke test needs PyTorch in CI`);
  t.skip(missing);
  return false;
}

/** `bachbot corpus` over the first twelve chorales, written to corpusDir. */
function smallCorpus(corpusDir: string): void {
  const chorales = join(CORPORA, 'bach-chorales');
  assert.ok(existsSync(chorales), `corpus not found at ${chorales} (set BACHBOT_CORPORA)`);
  const files = readdirSync(chorales).filter((f) => f.endsWith('.satb')).sort().slice(0, 12).map((f) => join(chorales, f));
  run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'corpus', ...files, '--out', corpusDir]);
}

async function onnxLogits(modelDir: string, ids: number[]): Promise<Float32Array[]> {
  const config = JSON.parse(readFileSync(join(modelDir, 'config.json'), 'utf8'));
  const session = await ort.InferenceSession.create(join(modelDir, 'model.onnx'));
  const zeros = (): ort.Tensor => new ort.Tensor('float32', new Float32Array(config.layers * config.hidden), [config.layers, 1, config.hidden]);
  let h = zeros();
  let c = zeros();
  const rows: Float32Array[] = [];
  for (const id of ids) {
    const out = await session.run({ tokens: new ort.Tensor('int64', BigInt64Array.from([BigInt(id)]), [1]), h, c });
    rows.push(Float32Array.from(out.logits.data as Float32Array));
    h = out.h_out as ort.Tensor;
    c = out.c_out as ort.Tensor;
  }
  return rows;
}

test('corpus -> train -> export: ONNX logits equal PyTorch logits', { timeout: 120_000 }, async (t) => {
  if (!torchAvailable(t)) return;
  const work = mkdtempSync(join(tmpdir(), 'bachbot-train-smoke-'));
  try {
    const corpusDir = join(work, 'corpus');
    const runDir = join(work, 'run');
    const modelDir = join(work, 'model');
    smallCorpus(corpusDir);
    const log = run(PYTHON, ['train/train.py', '--corpus', corpusDir, '--out', runDir, '--layers', '2', '--hidden', '24',
      '--embedding', '8', '--batch', '4', '--seq-len', '32', '--max-steps', '6', '--dropout', '0.1']);
    assert.match(log, /valid loss \d+\.\d+ nats\/token/);
    assert.match(log, /tokens\/s/);
    run(PYTHON, ['train/export.py', '--checkpoint', join(runDir, 'best.pt'), '--out', modelDir, '--no-card', '--skip-onnxruntime']);

    const config = JSON.parse(readFileSync(join(modelDir, 'config.json'), 'utf8'));
    const vocab = JSON.parse(readFileSync(join(corpusDir, 'vocab.json'), 'utf8'));
    assert.deepEqual(config.vocab, vocab.vocab);
    assert.equal(config.type, 'satb');
    assert.equal(config.layers, 2);
    assert.ok(config.metrics.valid_loss_nats > 0 && Number.isFinite(config.metrics.valid_loss_nats));

    const firstPiece = JSON.parse(readFileSync(join(corpusDir, 'pieces.jsonl'), 'utf8').split('\n')[0]);
    const ids: number[] = firstPiece.ids.slice(0, 40);
    const reference = JSON.parse(run(PYTHON, ['train/reference_logits.py', '--checkpoint', join(runDir, 'best.pt'), '--ids', ids.join(',')]));
    const actual = await onnxLogits(modelDir, ids);
    assert.equal(actual.length, reference.logits.length);
    let worst = 0;
    actual.forEach((row, t) => row.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - reference.logits[t][i])))));
    assert.ok(worst <= TOLERANCE, `largest logit difference ${worst} exceeds ${TOLERANCE}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

test('a warm start continues the epoch count and history with a fresh learning rate and dropout', { timeout: 120_000 }, async (t) => {
  if (!torchAvailable(t)) return;
  const work = mkdtempSync(join(tmpdir(), 'bachbot-train-warm-'));
  try {
    const corpusDir = join(work, 'corpus');
    const small = ['--layers', '1', '--hidden', '16', '--embedding', '8', '--batch', '4', '--seq-len', '32'];
    smallCorpus(corpusDir);
    run(PYTHON, ['train/train.py', '--corpus', corpusDir, '--out', join(work, 'first'), ...small, '--max-steps', '4', '--epochs', '1']);
    const log = run(PYTHON, ['train/train.py', '--corpus', corpusDir, '--out', join(work, 'second'), '--init-from', join(work, 'first', 'last.pt'),
      '--hidden', '99', '--lr', '0.0005', '--dropout', '0.05', '--max-steps', '8', '--epochs', '2']);
    assert.match(log, /warm start from .*epoch 1, valid loss \d+\.\d+, lr 5\.00e-04, dropout 0\.05/);
    assert.match(log, /epoch 2 \(stopped early\): valid loss/);
    const history = JSON.parse(readFileSync(join(work, 'second', 'history.json'), 'utf8'));
    assert.deepEqual(history.map((h: { epoch: number }) => h.epoch), [1, 2]);
    run(PYTHON, ['train/export.py', '--checkpoint', join(work, 'second', 'best.pt'), '--out', join(work, 'model'), '--no-card', '--skip-onnxruntime']);
    const config = JSON.parse(readFileSync(join(work, 'model', 'config.json'), 'utf8'));
    assert.equal(config.hidden, 16, 'the shape comes from the checkpoint, not the command line');
    assert.equal(config.training.hyperparameters.dropout, 0.05);
    assert.equal(config.training.warm_start.epoch, 1);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

test('harmonizer: corpus -> train -> resume -> export; the four graphs give PyTorch logits in onnxruntime-node and load in the engine', { timeout: 180_000 }, async (t) => {
  if (!torchAvailable(t)) return;
  const work = mkdtempSync(join(tmpdir(), 'bachbot-train-harmonizer-'));
  try {
    const corpusDir = join(work, 'corpus');
    const runDir = join(work, 'run');
    const modelDir = join(work, 'model');
    smallCorpus(corpusDir);
    const harmony = readFileSync(join(corpusDir, 'harmony.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(harmony.length, 12);
    assert.ok(harmony.every((h) => h.chords.length > 0 && h.chords.some((c: number) => c > 0)), 'every chorale has analysed chord labels');
    const small = ['--encoder-hidden', '8', '--encoder-layers', '1', '--decoder-hidden', '16', '--decoder-layers', '1', '--embedding', '8', '--batch', '4'];
    const first = run(PYTHON, ['train/train_harmonizer.py', '--corpus', corpusDir, '--out', runDir, ...small, '--epochs', '1', '--own-frames', '0.5', '--own-ramp', '1']);
    assert.match(first, /epoch 1: valid loss \d+\.\d+ nats\/voice \(with chord labels \d+\.\d+\)/);
    assert.match(first, /epoch 1: train loss \d+\.\d+ \(own frames 0\.50\)/, 'the decoder read its own frames');
    const resumed = run(PYTHON, ['train/train_harmonizer.py', '--out', runDir, '--resume', '--epochs', '2']);
    assert.match(resumed, /epoch 2: valid loss/);
    assert.doesNotMatch(resumed, /epoch 1:/, 'a resumed run continues after the saved epoch');
    // export_harmonizer.py runs train/verify_harmonizer.mjs: encoder, decoder, tenor and bass against PyTorch within 1e-4.
    const exported = run(PYTHON, ['train/export_harmonizer.py', '--checkpoint', join(runDir, 'best.pt'), '--out', modelDir, '--no-card']);
    assert.match(exported, /onnxruntime-node: encoder max \|diff\| \S+, decoder\/tenor\/bass \S+ over 24 frames/);
    const { loadHarmonizer } = await import('../../src/model/harmonizer/load-harmonizer');
    const model = await loadHarmonizer(modelDir);
    try {
      assert.equal(model.type, 'harmonizer');
      assert.ok([1, 2].includes(model.config.training?.epochs as number), 'the kept epoch is one of the two trained');
    } finally {
      await model.dispose();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

test('harmonizer training on its own frames: the decoder reads the drawn voices one frame later, and a held target after another pitch becomes a strike', { timeout: 60_000 }, (t) => {
  if (!torchAvailable(t)) return;
  const script = `
import sys, torch
sys.path.insert(0, 'train')
from harmony_data import Vocabulary
from train_harmonizer import own_previous
tokens = ['START', 'END', '(.)', '|||', '(r)', '(60,False)', '(60,True)', '(62,False)', '(62,True)']
vocab = Vocabulary(tokens, {'start': 'START', 'end': 'END'})
ids = vocab.ids
class Drawing:  # a model whose every draw is (62,False)
    start_id, training = ids['START'], True
    def eval(self): self.training = False
    def train(self, mode=True): self.training = mode
    def __call__(self, batch):
        logits = torch.full((*batch['alto'].shape, len(tokens)), -1e9)
        logits[..., ids['(62,False)']] = 0.0
        return logits, logits, logits
gold = [ids['(60,False)'], ids['(60,True)'], ids['(60,True)'], ids['(62,False)'], -100]
batch = {k: torch.tensor([gold]) for k in ('alto', 'tenor', 'bass')}
model = Drawing()
previous, targets = own_previous(model, batch, 1.0, vocab)
assert model.training, 'the model is back in training mode'
assert previous[0].tolist() == [[ids['START']] + [ids['(62,False)']] * 4], previous[0].tolist()
assert targets[0].tolist() == [[ids['(60,False)'], ids['(60,False)'], ids['(60,False)'], ids['(62,False)'], -100]], targets[0].tolist()
previous, targets = own_previous(model, batch, 0.0, vocab)
assert previous[2].tolist() == [[ids['START']] + gold[:4]], previous[2].tolist()
assert targets[2].tolist() == [gold], targets[2].tolist()
print('own frames ok')
`;
  assert.match(run(PYTHON, ['-c', script]), /own frames ok/);
});
