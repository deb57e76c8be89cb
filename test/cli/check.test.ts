import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { corporaDir } from '../satb/helpers';
import { runCli, runInProcess } from './run-cli';

test('bachbot check finds the planted parallel fifths (a warning: exit 0)', () => {
  const r = runCli(['check', 'test/fixtures/satb/parallel-fifths.satb']);
  assert.equal(r.code, 0);
  assert.equal(
    r.stdout,
    'test/fixtures/satb/parallel-fifths.satb:14:1: warning: Parallel fifths between soprano and bass (C→D over F→G), frames 9–12\n',
  );
});

test('bachbot check reports a malformed frame at its line and column and exits 1', () => {
  const r = runCli(['check', 'test/fixtures/satb/malformed-frame.satb', 'test/fixtures/satb/parallel-fifths.satb']);
  assert.equal(r.code, 1);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines[0], 'test/fixtures/satb/malformed-frame.satb:5:41: error: a frame has four voices (S A T B); this is voice 5 — is a ||| missing?');
  assert.equal(lines.length, 2);
  assert.match(r.stderr, /1 error, 1 warning/);
});

test('bachbot check: usage and unreadable files', async () => {
  assert.equal((await runInProcess('check', [])).code, 2);
  const missing = await runInProcess('check', ['no-such-file.satb']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /cannot read 'no-such-file.satb'/);
});

test('bachbot check DIR checks the notation files in its subfolders too', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'check-tree-'));
  mkdirSync(join(dir, 'tunes', 'reels'), { recursive: true });
  writeFileSync(join(dir, 'tunes', 'reels', 'bad.abc'), 'X:1\nM:4/4\nL:1/8\nK:G\nGABc d2e2|]\nGAB#c|]\n');
  writeFileSync(join(dir, 'tunes', 'good.abc'), 'X:1\nM:2/4\nL:1/8\nK:G\nGABc|]\n');
  const r = await runInProcess('check', [join(dir, 'tunes')]);
  assert.equal(r.code, 1);
  assert.match(r.stdout, new RegExp(`^${join(dir, 'tunes', 'reels', 'bad.abc')}:6:4: error: `, 'm'));
});

test("bachbot check on Bach's chorales: no errors, only voice-leading warnings", async () => {
  const r = await runInProcess('check', [join(corporaDir(), 'bach-chorales')]);
  assert.equal(r.code, 0, r.stdout.split('\n').filter((l) => l.includes(': error: ')).slice(0, 5).join('\n'));
  const lines = r.stdout.trim().split('\n');
  assert.ok(lines.every((l) => /^.+\.satb:\d+:\d+: warning: /.test(l)));
  assert.equal(new Set(lines.map((l) => l.split(':')[0])).size > 100, true);
  const kinds = new Map<string, number>();
  for (const l of lines) {
    const kind = /warning: (Parallel \w+|Consecutive \w+ by contrary motion|Voice crossing|\w+ and \w+ are more than an octave apart|The \w+ goes (?:above|below))/.exec(l)?.[1] ?? 'other';
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }
  assert.equal(kinds.get('other'), undefined);
  // Bach does cross voices and leave wide gaps now and then; parallels are rare.
  assert.ok((kinds.get('Voice crossing') ?? 0) > 0);
  assert.ok((kinds.get('Parallel fifths') ?? 0) < 100);
  assert.match(r.stderr, new RegExp(`^0 errors, ${lines.length} warnings`));
});
