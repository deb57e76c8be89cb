import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTranspose } from '../../src/cli/commands/transpose';
import type { CliIo } from '../../src/cli/notation-file';

async function run(args: string[]): Promise<{ code: number; out: Buffer; err: string }> {
  const err: string[] = [];
  const chunks: Buffer[] = [];
  const io: CliIo = { out: () => undefined, err: (t) => void err.push(t) };
  const code = await runTranspose(args, io, (b) => void chunks.push(Buffer.from(b)));
  return { code, out: Buffer.concat(chunks), err: err.join('') };
}

const dir = mkdtempSync(join(tmpdir(), 'transpose-'));
const TWO = 'X:1\nT:One\nK:D\n"D"DFA d2|\n\nX:2\nT:Two\nK:Em\n"Em"EGB e2|\n';
writeFileSync(join(dir, 'two.abc'), TWO);

test('bachbot transpose --semitones prints the whole document transposed; --tune takes one tune', async () => {
  const r = await run([join(dir, 'two.abc'), '--semitones', '2']);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out.toString(), 'X:1\nT:One\nK:E\n"E"EGB e2|\n\nX:2\nT:Two\nK:F#m\n"F#m"FAc f2|\n');
  const one = await run([join(dir, 'two.abc'), '--semitones=-2', '--tune', '2']);
  assert.equal(one.out.toString(), 'X:1\nT:One\nK:D\n"D"DFA d2|\n\nX:2\nT:Two\nK:Dm\n"Dm"DFA d2|\n');
});

test('bachbot transpose --to KEY moves each tune from its own key, the nearer way', async () => {
  const r = await run([join(dir, 'two.abc'), '--to', 'G']);
  assert.equal(r.out.toString(), 'X:1\nT:One\nK:G\n"G"GBd g2|\n\nX:2\nT:Two\nK:Gm\n"Gm"GBd g2|\n');
});

test('an ISO-8859-1 tunebook comes out in ISO-8859-1', async () => {
  const latin1 = Buffer.from('X:1\nT:Caf\u00e9\n%%abc-charset iso-8859-1\nK:D\nDFA|\n', 'latin1');
  writeFileSync(join(dir, 'latin1.abc'), latin1);
  const r = await run([join(dir, 'latin1.abc'), '--semitones', '2']);
  assert.deepEqual(r.out, Buffer.from('X:1\nT:Caf\u00e9\n%%abc-charset iso-8859-1\nK:E\nEGB|\n', 'latin1'));
});

test('bachbot transpose: usage, a bad key, a bad number, a chorale', async () => {
  assert.equal((await run([join(dir, 'two.abc')])).code, 2);
  assert.equal((await run([join(dir, 'two.abc'), '--semitones', '2', '--to', 'G'])).code, 2);
  const key = await run([join(dir, 'two.abc'), '--to', 'H']);
  assert.equal(key.code, 2);
  assert.match(key.err, /'H' is not a key/);
  assert.match((await run([join(dir, 'two.abc'), '--semitones', 'two'])).err, /whole number/);
  writeFileSync(join(dir, 'c.satb'), 'START\nEND\n');
  assert.match((await run([join(dir, 'c.satb'), '--semitones', '2'])).err, /transpose works on .abc files/);
});
