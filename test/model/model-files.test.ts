// Issue 13, row 14: a model folder's files are read only as regular files inside the folder, of a bounded size; a
// FIFO, a directory, a link or a name leading out of the folder, an oversized file is a ModelLoadError naming it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ModelLoadError, loadHarmonizer, loadModel, loadModelFolder } from '../../src/model';
import { MAX_CONFIG_BYTES, MAX_GRAPH_BYTES, readModelFile } from '../../src/model/model-file';

const FIXTURE = join(__dirname, 'fixtures', 'random-satb');
const HARMONIZER = join(__dirname, '..', '..', 'models', 'harmonizer');
const scratch = mkdtempSync(join(tmpdir(), 'bachbot-model-files-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
const canMakeFifo = process.platform !== 'win32' && spawnSync('mkfifo', ['--help']).error === undefined;

let count = 0;
/** A copy of a model folder with something changed. */
function variant(from: string, change: (dir: string) => void): string {
  const dir = join(scratch, `m${++count}`);
  cpSync(from, dir, { recursive: true });
  change(dir);
  return dir;
}

function mkfifo(path: string): void {
  rmSync(path, { force: true });
  const r = spawnSync('mkfifo', [path]);
  assert.equal(r.status, 0, String(r.stderr));
}

function editConfig(dir: string, edit: (config: Record<string, unknown>) => void): void {
  const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
  edit(config);
  writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
}

/** The load's ModelLoadError message; a load that hangs fails the test by its timeout. */
async function refusal(load: Promise<{ dispose(): Promise<void> }>): Promise<string> {
  try {
    await (await load).dispose();
  } catch (err) {
    assert.ok(err instanceof ModelLoadError, `a ModelLoadError, not ${String(err)}`);
    return err.message;
  }
  return assert.fail('the model loaded');
}

test('a FIFO as model.onnx or config.json is refused at once, naming the file', { skip: !canMakeFifo, timeout: 20_000 }, async () => {
  const onnxFifo = variant(FIXTURE, (d) => mkfifo(join(d, 'model.onnx')));
  assert.match(await refusal(loadModel(onnxFifo)), /model\.onnx is a FIFO \(named pipe\), not a regular file/);
  assert.match(await refusal(loadModelFolder(onnxFifo)), /model\.onnx is a FIFO/);
  const configFifo = variant(FIXTURE, (d) => mkfifo(join(d, 'config.json')));
  assert.match(await refusal(loadModel(configFifo)), /config\.json is a FIFO \(named pipe\), not a regular file/);
  assert.match(await refusal(loadModelFolder(configFifo)), /config\.json is a FIFO/);
  const harmonizerFifo = variant(HARMONIZER, (d) => mkfifo(join(d, 'decoder.onnx')));
  assert.match(await refusal(loadHarmonizer(harmonizerFifo)), /decoder\.onnx is a FIFO/);
  assert.match(await refusal(loadHarmonizer(variant(HARMONIZER, (d) => mkfifo(join(d, 'config.json'))))), /config\.json is a FIFO/);
});

test('config.json graphs naming a file outside the model folder are refused, by name or through a link', async () => {
  const outside = join(scratch, 'outside.onnx');
  cpSync(join(FIXTURE, 'model.onnx'), outside);
  const byDots = variant(FIXTURE, (d) => editConfig(d, (c) => (c.graphs = { step: '../outside.onnx' })));
  assert.match(await refusal(loadModel(byDots)), /config\.json: graphs\.step must be a file name inside the model folder \(no ".."\) \(found "\.\.\/outside\.onnx"\)/);
  const absolute = variant(FIXTURE, (d) => editConfig(d, (c) => (c.graphs = { step: outside })));
  assert.match(await refusal(loadModel(absolute)), /graphs\.step must be a file name inside the model folder, not an absolute path/);
  const prefixOut = variant(FIXTURE, (d) => editConfig(d, (c) => (c.graphs = { prefix: '../outside.onnx' })));
  assert.match(await refusal(loadModel(prefixOut)), /graphs\.prefix must be a file name inside the model folder/);
  const linked = variant(FIXTURE, (d) => {
    rmSync(join(d, 'model.onnx'));
    symlinkSync(outside, join(d, 'model.onnx'));
  });
  assert.match(await refusal(loadModel(linked)), /model\.onnx leads to .*outside\.onnx, which is outside the model folder/);
  const linkedDir = variant(FIXTURE, (d) => {
    symlinkSync(scratch, join(d, 'up'));
    editConfig(d, (c) => (c.graphs = { step: 'up/outside.onnx' }));
  });
  assert.match(await refusal(loadModel(linkedDir)), /up\/outside\.onnx leads to .*, which is outside the model folder/);

  const harmonizerDots = variant(HARMONIZER, (d) => editConfig(d, (c) => ((c.graphs as Record<string, string>).tenor = '../../tenor.onnx')));
  assert.match(await refusal(loadHarmonizer(harmonizerDots)), /config\.json: graphs\.tenor must be a file name inside the model folder \(no ".."\)/);
  const harmonizerLink = variant(HARMONIZER, (d) => {
    renameSync(join(d, 'bass.onnx'), join(scratch, 'bass.onnx'));
    symlinkSync(join(scratch, 'bass.onnx'), join(d, 'bass.onnx'));
  });
  assert.match(await refusal(loadHarmonizer(harmonizerLink)), /bass\.onnx leads to .*, which is outside the model folder/);
});

test('a link that stays inside the folder is followed', async () => {
  const dir = variant(FIXTURE, (d) => {
    mkdirSync(join(d, 'graphs'));
    renameSync(join(d, 'model.onnx'), join(d, 'graphs', 'step.onnx'));
    symlinkSync(join('graphs', 'step.onnx'), join(d, 'model.onnx'));
  });
  const model = await loadModel(dir);
  assert.equal(model.type, 'satb');
  await model.dispose();
});

test('a directory where a graph should be is refused, naming it', async () => {
  const dir = variant(FIXTURE, (d) => {
    rmSync(join(d, 'model.onnx'));
    mkdirSync(join(d, 'model.onnx'));
  });
  assert.match(await refusal(loadModel(dir)), /model\.onnx is a directory, not a regular file/);
  const dot = variant(FIXTURE, (d) => editConfig(d, (c) => (c.graphs = { step: '.' })));
  assert.match(await refusal(loadModel(dot)), /is a directory, not a regular file/);
});

test('a graph over 200 MB or a config.json over 1 MB is refused before it is read', async () => {
  const big = variant(FIXTURE, (d) => truncateSync(join(d, 'model.onnx'), MAX_GRAPH_BYTES + 1));
  assert.match(await refusal(loadModel(big)), /model\.onnx is 209715201 bytes, more than the 200 MB a model file may be/);
  const bigConfig = variant(FIXTURE, (d) => editConfig(d, (c) => (c.padding = ' '.repeat(MAX_CONFIG_BYTES))));
  assert.match(await refusal(loadModel(bigConfig)), /config\.json is \d+ bytes, more than the 1 MB a model file may be/);
  assert.match(await refusal(loadModelFolder(bigConfig)), /config\.json is \d+ bytes, more than the 1 MB/);
  const bigHarmonizer = variant(HARMONIZER, (d) => truncateSync(join(d, 'encoder.onnx'), MAX_GRAPH_BYTES + 1));
  assert.match(await refusal(loadHarmonizer(bigHarmonizer)), /encoder\.onnx is 209715201 bytes/);
});

test('readModelFile reads a file whole, at its bound exactly', () => {
  const dir = join(scratch, 'plain');
  mkdirSync(dir);
  writeFileSync(join(dir, 'a.bin'), Buffer.from([1, 2, 3, 4]));
  writeFileSync(join(dir, 'empty.bin'), '');
  assert.deepEqual([...readModelFile(dir, 'a.bin', 4)], [1, 2, 3, 4]);
  assert.deepEqual([...readModelFile(dir, 'empty.bin', 4)], []);
  assert.throws(() => readModelFile(dir, 'a.bin', 3), /a\.bin is 4 bytes, more than the 3 bytes a model file may be/);
  assert.throws(() => readModelFile(dir, 'missing.bin', 3, 'config.json names it'), /missing\.bin is missing \(config\.json names it\)/);
  assert.throws(() => readModelFile(join(scratch, 'nowhere'), 'a.bin', 3), /model directory .*nowhere does not exist/);
});
