// Issue 13, row 9: numbers on the command line are refused outside the bounds of src/common/limits.ts, before any
// model loads, with a message naming the flag and the range; an unknown provider is refused with the known ones.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { runComplete } from '../../src/cli/commands/complete';
import { runHarmonize } from '../../src/cli/commands/harmonize';
import { FlagError, numberFlag, numberListFlag } from '../../src/cli/command';
import { LIMITS } from '../../src/common/limits';
import { PROVIDER_REQUESTS } from '../../src/model/runtime/providers';
import { runCli, runInProcess } from './run-cli';

const dir = mkdtempSync(join(tmpdir(), 'bachbot-flags-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const satb = join(dir, 'h.satb');
writeFileSync(satb, 'START\n(72,False) (?) (?) (?) |||\nEND\n');
const abc = join(dir, 't.abc');
writeFileSync(abc, 'X:1\nT:t\nM:3/4\nL:1/4\nK:D\nA B c|d');
/** A folder that does not exist: a command that got as far as loading would say so instead of refusing the flag. */
const NO_MODEL = join(dir, 'no-model');
const io = { out: () => {}, err: () => {} };

const refusals: { command: 'complete' | 'harmonize'; args: string[]; message: RegExp }[] = [
  { command: 'harmonize', args: [satb, '--beam', '1000000'], message: /--beam \(beam width\) must be an integer from 1 to 64; got '1000000'/ },
  { command: 'harmonize', args: [satb, '--beam', '0'], message: /--beam \(beam width\) must be an integer from 1 to 64; got '0'/ },
  { command: 'harmonize', args: [satb, '--alternatives', '21'], message: /--alternatives \(alternatives\) must be an integer from 1 to 20/ },
  { command: 'complete', args: [abc, '--at', '6:8', '--n', '1000000'], message: /--n \(number of suggestions\) must be an integer from 1 to 20; got '1000000'/ },
  { command: 'complete', args: [abc, '--at', '6:8', '--bars', '1e9'], message: /--bars \(bars to write after the current one\) must be an integer from 0 to 32; got '1e9'/ },
  { command: 'complete', args: [satb, '--at', '3:1', '--frames', '100000'], message: /--frames \(frames to write\) must be an integer from 1 to 512/ },
  { command: 'complete', args: [abc, '--at', '6:8', '--temperature', '-1'], message: /--temperature \(temperature\) must be a number from 0.05 to 2; got '-1'/ },
  { command: 'complete', args: [abc, '--at', '6:8', '--seed', '-3'], message: /--seed \(seed\) must be an integer from 0 to 4294967295/ },
  { command: 'complete', args: [abc, '--at', '6:8', '--provider', 'bogus'], message: new RegExp(`--provider: unknown execution provider "bogus" \\(known: ${PROVIDER_REQUESTS.join(', ')}\\)`) },
  { command: 'harmonize', args: [satb, '--provider', 'bogus'], message: /--provider: unknown execution provider "bogus"/ },
];

for (const { command, args, message } of refusals) {
  test(`bachbot ${command} ${args.slice(1).join(' ')} is refused before any model loads`, async () => {
    const run = command === 'complete' ? runComplete : runHarmonize;
    await assert.rejects(run([...args, '--model', NO_MODEL], io), (e: unknown) => e instanceof FlagError && message.test(e.message));
  });
}

test('what is not a plain decimal number is refused, naming the flag', () => {
  for (const raw of ['abc', '', ' ', '0x10', '1,5', 'Infinity', 'NaN', 'true', '2.5.1']) {
    assert.throws(() => numberFlag(new Map([['beam', raw]]), 'beam', LIMITS.beamWidth, 8), /--beam \(beam width\) must be an integer from 1 to 64/, raw);
  }
  assert.throws(() => numberFlag(new Map([['beam', '2.5']]), 'beam', LIMITS.beamWidth, 8), /must be an integer/);
  assert.equal(numberFlag(new Map([['beam', '16']]), 'beam', LIMITS.beamWidth, 8), 16);
  assert.equal(numberFlag(new Map([['temperature', '.5']]), 'temperature', LIMITS.temperature, undefined), 0.5);
  assert.equal(numberFlag(new Map(), 'beam', LIMITS.beamWidth, 8), 8);
  assert.deepEqual(numberListFlag(new Map([['beams', '1,8,32']]), 'beams', LIMITS.beamWidth, [1]), [1, 8, 32]);
  assert.throws(() => numberListFlag(new Map([['beams', '1,,8']]), 'beams', LIMITS.beamWidth, [1]), /--beams \(beam width\) must be an integer from 1 to 64; got ''/);
});

test('bachbot eval and bench refuse their numbers out of range before reading corpora or models', async () => {
  await assert.rejects(runInProcess('eval', ['--beams', '1,1000000', '--corpora', NO_MODEL]), /--beams \(beam width\) must be an integer from 1 to 64; got '1000000'/);
  await assert.rejects(runInProcess('eval', ['--pieces', '0', '--corpora', NO_MODEL]), /--pieces \(pieces\) must be an integer from 1 to 100000/);
  await assert.rejects(runInProcess('eval', ['--tunes', '-2', '--corpora', NO_MODEL]), /--tunes \(tunes\) must be an integer/);
  await assert.rejects(runInProcess('bench', ['--requests', '1e9', '--engine-only']), /--requests \(requests\) must be an integer from 1 to 100000/);
  await assert.rejects(runInProcess('bench', ['--provider', 'bogus', '--engine-only']), /unknown execution provider "bogus"/);
});

test('the bachbot process prints the refusal on one line and exits with 2', () => {
  const r = runCli(['harmonize', satb, '--beam', '1000000']);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, "bachbot: --beam (beam width) must be an integer from 1 to 64; got '1000000'\n");
});

test('a flag a command does not take is refused, naming it and the flags the command takes', async () => {
  await assert.rejects(runInProcess('convert', [satb, join(dir, 'x.abc'), '--tnue', '2']), (e: unknown) =>
    e instanceof FlagError && e.message === 'unknown flag --tnue for convert (its flags: --tune, --voice)');
  await assert.rejects(runInProcess('check', [satb, '--quiet']), /^FlagError: unknown flag --quiet for check \(its flags: --quiet-warnings\)$/);
  await assert.rejects(runHarmonize([satb, '--beams=8'], io), /unknown flag --beams for harmonize \(its flags: --model, --beam, --alternatives, --provider\)/);
  await assert.rejects(runComplete([abc, '--at', '6:8', '--temp', '1'], io), /unknown flag --temp for complete/);
  await assert.rejects(runInProcess('transpose', [abc, '--semitone', '2']), /unknown flag --semitone for transpose \(its flags: --semitones, --to, --tune\)/);
  await assert.rejects(runInProcess('eval', ['--piece', '3']), /unknown flag --piece for eval/);
  await assert.rejects(runInProcess('bench', ['--engineonly']), /unknown flag --engineonly for bench \(its flags: .*--engine-only, --harmonizer-only, --host-only\)/);
  await assert.rejects(runInProcess('corpus', ['--output', dir]), /unknown flag --output for corpus \(its flags: --out\)/);
});

test('the bachbot process refuses an unknown flag with exit code 2 before doing anything', () => {
  const r = runCli(['check', satb, '--verbose']);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, 'bachbot: unknown flag --verbose for check (its flags: --quiet-warnings)\n');
});

test('every command answers --help with its usage and exits 0, touching no file', async () => {
  const { commands } = await import('../../src/cli/commands');
  for (const name of Object.keys(commands)) {
    const r = runCli([name, '--help']);
    assert.equal(r.code, 0, `${name}: ${r.stderr}`);
    assert.match(r.stdout, new RegExp(`^usage: bachbot ${name}\\b`), name);
    assert.equal(r.stderr.replace(/npm warn[^\n]*\n/g, ''), '', name);
  }
});
