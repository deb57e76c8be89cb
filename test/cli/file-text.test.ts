// Issue 13, row 13: a notation file with a UTF-8 byte-order mark or old-Mac CR-only line ends reads as the same
// notation as with LF line ends, at the same lines and columns, in every command that reads files.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeNotationBytes } from '../../src/cli/notation-file';
import { runTranspose } from '../../src/cli/commands/transpose';
import { runInProcess } from './run-cli';

const dir = mkdtempSync(join(tmpdir(), 'file-text-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const SATB = '% title: t\nSTART\n(72,False) (67,False) (64,False) (48,False) |||\n(72,True) (67,Flase) (64,True) (48,True) |||\nEND\n';
const ABC = 'X:1\nT:t\nM:4/4\nL:1/8\nK:G\nGABc d2e2|\nGAB#c|]\n';
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const forms = {
  lf: (t: string) => Buffer.from(t),
  bom: (t: string) => Buffer.concat([BOM, Buffer.from(t)]),
  cr: (t: string) => Buffer.from(t.replace(/\n/g, '\r')),
  'bom+cr': (t: string) => Buffer.concat([BOM, Buffer.from(t.replace(/\n/g, '\r'))]),
  crlf: (t: string) => Buffer.from(t.replace(/\n/g, '\r\n')),
};

test('decoding drops the byte-order mark and reads a lone CR as a line end, one character for one', () => {
  assert.equal(decodeNotationBytes(forms['bom+cr'](SATB), 'satb').text, SATB);
  assert.equal(decodeNotationBytes(forms['bom+cr'](ABC), 'abc').text, ABC);
  assert.equal(decodeNotationBytes(forms.crlf(ABC), 'abc').text, ABC.replace(/\n/g, '\r\n'));
  const latin = Buffer.concat([BOM, Buffer.from('%%abc-charset iso-8859-1\rX:1\rT:\xe9\rK:C\rC|\r', 'latin1')]);
  assert.equal(decodeNotationBytes(latin, 'abc').text, '%%abc-charset iso-8859-1\nX:1\nT:é\nK:C\nC|\n');
});

for (const [form, encode] of Object.entries(forms)) {
  test(`bachbot check reads ${form} files at the lines and columns of the LF file`, async () => {
    const satb = join(dir, `${form}.satb`);
    const abc = join(dir, `${form}.abc`);
    writeFileSync(satb, encode(SATB));
    writeFileSync(abc, encode(ABC));
    const satbRun = await runInProcess('check', [satb]);
    assert.equal(satbRun.stdout, `${satb}:4:11: error: unknown token '(67,Flase)' (write notes as (60,False) or (60,True))\n`);
    const abcRun = await runInProcess('check', ['--quiet-warnings', abc]);
    assert.equal(abcRun.stdout, `${abc}:7:4: error: unexpected character '#'\n`);
  });
}

test('bachbot convert reads a chorale with a byte-order mark and CR line ends', async () => {
  const good = SATB.replace('Flase', 'True');
  writeFileSync(join(dir, 'good.satb'), forms['bom+cr'](good));
  assert.equal((await runInProcess('convert', [join(dir, 'good.satb'), join(dir, 'good.abc')])).code, 0);
  assert.equal((await runInProcess('convert', [join(dir, 'good.abc'), join(dir, 'back.satb')])).code, 0);
  writeFileSync(join(dir, 'tune.abc'), forms['bom+cr']('X:1\rT:t\rM:4/4\rL:1/8\rK:G\rGABc d2e2|]\r'));
  assert.equal((await runInProcess('convert', [join(dir, 'tune.abc'), join(dir, 'tune.mid')])).code, 0);
});

test('bachbot transpose keeps the file\'s byte-order mark and CR line ends', async () => {
  const file = join(dir, 'keep.abc');
  writeFileSync(file, forms['bom+cr']('X:1\nT:t\nM:4/4\nL:1/8\nK:G\nGABc d2e2|]\n'));
  let written = Buffer.alloc(0);
  assert.equal(await runTranspose([file, '--semitones', '2'], { out: () => {}, err: () => {} }, (b) => (written = Buffer.from(b))), 0);
  assert.deepEqual([...written.subarray(0, 3)], [...BOM]);
  assert.equal(written.subarray(3).toString('utf8'), 'X:1\rT:t\rM:4/4\rL:1/8\rK:A\rABcd e2f2|]\r');
  assert.ok(readFileSync(file).length > 0);
});
