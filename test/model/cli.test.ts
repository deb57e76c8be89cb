import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { runComplete } from '../../src/cli/commands/complete';
import { runHarmonize } from '../../src/cli/commands/harmonize';
import { parseSatb } from '../../src/satb';

const SATB_MODEL = join(__dirname, 'fixtures', 'random-satb');
const ABC_MODEL = join(__dirname, 'fixtures', 'random-abc');
const dir = mkdtempSync(join(tmpdir(), 'bachbot-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Runs a command in this process, as src/cli/main.ts would (its error line included), collecting the output. */
async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const [name, ...rest] = args;
  const io = { out: '', err: '' };
  const collect = { out: (t: string) => void (io.out += t), err: (t: string) => void (io.err += t) };
  try {
    const code = await (name === 'complete' ? runComplete : runHarmonize)(rest, collect);
    return { code, ...io };
  } catch (e) {
    return { code: 2, out: io.out, err: io.err + `bachbot: ${e instanceof Error ? e.message : String(e)}\n` };
  }
}

test('bachbot complete prints one JSON suggestion per line at LINE:COL (from 1)', async () => {
  const file = join(dir, 'a.satb');
  writeFileSync(file, 'START\n(72,False) (67,False) (64,False) (48,False) |||\n\nEND\n');
  const r = await cli('complete', file, '--at', '3:1', '--n', '2', '--model', SATB_MODEL);
  assert.equal(r.code, 0, r.err);
  const lines = r.out.trim().split('\n').map((l) => JSON.parse(l));
  assert.ok(lines.length >= 1 && lines.length <= 2);
  for (const s of lines) {
    assert.equal(typeof s.text, 'string');
    assert.ok(s.logprob < 0);
  }
  const abc = join(dir, 'a.abc');
  writeFileSync(abc, 'X:1\nT:t\nM:3/4\nL:1/4\nK:D\nA B c|d');
  const r2 = await cli('complete', abc, '--at', '6:8', '--model', ABC_MODEL);
  assert.equal(r2.code, 0, r2.err);
  for (const l of r2.out.trim().split('\n')) assert.match(JSON.parse(l).text, /\|$/);
});

test('bachbot harmonize prints the whole document with the slots filled, alternatives best first', async () => {
  const file = join(dir, 'h.satb');
  writeFileSync(file, '% title: h\nSTART\n(72,False) (?) (?) (?) |||\n(74,False) |||\nEND\n');
  const r = await cli('harmonize', file, '--beam', '4', '--alternatives', '2', '--model', SATB_MODEL);
  assert.equal(r.code, 0, r.err);
  const docs = r.out.split(/^% alternative \d+, log-probability -?[\d.]+\n/m).filter(Boolean);
  assert.equal(docs.length, 2);
  for (const d of docs) {
    const parsed = parseSatb(d);
    assert.deepEqual(parsed.diagnostics.filter((x) => x.severity === 'error'), []);
    assert.equal(parsed.chorale.frames.length, 2);
    assert.ok(parsed.chorale.frames.every((f) => f.voices.length === 4 && f.voices.every((v) => v.kind === 'note')));
  }
});

test('the CLI reports a bad model, a bad position and a missing file plainly', async () => {
  const file = join(dir, 'b.satb');
  writeFileSync(file, 'START\n');
  const bad = await cli('complete', file, '--at', '1:1', '--model', join(dir, 'nowhere'));
  assert.equal(bad.code, 2);
  assert.match(bad.err, /^bachbot: model directory .*nowhere does not exist\n$/);
  const wrongType = await cli('complete', file, '--at', '1:1', '--model', ABC_MODEL);
  assert.match(wrongType.err, /this is a "abc" model, but a "satb" model is needed/);
  assert.match((await cli('complete', file, '--at', '9:1', '--model', SATB_MODEL)).err, /no such position/);
  assert.match((await cli('harmonize', join(dir, 'missing.satb'), '--model', SATB_MODEL)).err, /cannot read/);
});

test('--provider wasm runs the WebAssembly engine; an unknown provider is refused with the known ones', async () => {
  const file = join(dir, 'p.satb');
  writeFileSync(file, 'START\n(72,False) (67,False) (64,False) (48,False) |||\n\nEND\n');
  const native = await cli('complete', file, '--at', '3:1', '--n', '2', '--seed', '4', '--model', SATB_MODEL);
  const wasm = await cli('complete', file, '--at', '3:1', '--n', '2', '--seed', '4', '--model', SATB_MODEL, '--provider', 'wasm');
  assert.equal(wasm.code, 0, wasm.err);
  assert.deepEqual(wasm.out.split('\n').map((l) => l && JSON.parse(l).text), native.out.split('\n').map((l) => l && JSON.parse(l).text));
  for (const command of ['complete', 'harmonize']) {
    const at = command === 'complete' ? ['--at', '3:1'] : [];
    const r = await cli(command, file, ...at, '--model', SATB_MODEL, '--provider', 'gpu');
    assert.equal(r.code, 2, command);
    assert.match(r.err, /--provider: unknown execution provider "gpu" \(known: cpu, wasm, webgpu, cuda, dml, auto\)/, command);
  }
});
