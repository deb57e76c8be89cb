import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchTokenizers, resolveCorporaDir } from '../../src/cli/bench-tokenizers';
import { corporaDir } from '../satb/helpers';

test('benchTokenizers prints one JSON line per corpus with MB/s, bytes, tokens and the machine', async () => {
  const root = mkdtempSync(join(tmpdir(), 'bench-corpora-'));
  mkdirSync(join(root, 'bach-chorales'));
  mkdirSync(join(root, 'nottingham'));
  const chorale = join(root, 'bach-chorales', 'chor001.satb');
  copyFileSync(join(corporaDir(), 'bach-chorales', 'chor001.satb'), chorale);
  writeFileSync(join(root, 'nottingham', 'tiny.abc'), 'X:1\nT:t\nM:4/4\nL:1/8\nK:G\nGABc d2e2|\n');
  const lines: string[] = [];
  const write = process.stdout.write;
  process.stdout.write = ((s: string) => lines.push(s) > 0) as typeof process.stdout.write;
  try {
    await benchTokenizers({ corpora: root, minSeconds: 0.01 });
  } finally {
    process.stdout.write = write;
  }
  const [satb, abc] = lines.map((l) => JSON.parse(l));
  assert.equal(satb.bench, 'tokenize-satb');
  assert.equal(satb.bytes, statSync(chorale).size);
  assert.ok(satb.mb_per_s > 0 && satb.tokens > 1000);
  assert.equal(typeof satb.machine, 'string');
  assert.equal(abc.bench, 'tokenize-abc');
  assert.ok(abc.tokens > 5);
});

test('the corpora are found beside the repository unless a path or BACHBOT_CORPORA says otherwise', () => {
  assert.equal(resolveCorporaDir('/x/y'), '/x/y');
  const saved = process.env.BACHBOT_CORPORA;
  try {
    delete process.env.BACHBOT_CORPORA;
    assert.match(resolveCorporaDir(), /[\\/]shared[\\/]corpora$/);
    process.env.BACHBOT_CORPORA = '/elsewhere';
    assert.equal(resolveCorporaDir(), '/elsewhere');
  } finally {
    if (saved === undefined) delete process.env.BACHBOT_CORPORA;
    else process.env.BACHBOT_CORPORA = saved;
  }
});
