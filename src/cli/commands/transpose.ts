import { encodeAbc } from '../../abc/charset';
import { applyEdits, transposeEdits, TransposeError } from '../../abc/transpose';
import { parseArgs, type CliCommand } from '../command';
import { PROCESS_IO, readNotationFile, type CliIo } from '../notation-file';

const USAGE = 'usage: bachbot transpose FILE.abc (--semitones N | --to KEY) [--tune N]  (KEY: G, Em, Bb, F#m ...; N of --tune counts from 1)';

export const transpose: CliCommand = {
  summary: 'transpose the tunes of an ABC file (notes respelled, K: lines, chord symbols); prints the document',
  usage: USAGE,
  run: (args) => runTranspose(args, PROCESS_IO, (bytes) => void process.stdout.write(bytes)),
};

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** The command with its output going to `io` (tests collect it); the document itself goes to `write`, as bytes. */
export async function runTranspose(args: string[], io: CliIo, write: (bytes: Uint8Array) => void = (b) => io.out(Buffer.from(b).toString('latin1'))): Promise<number> {
  const { positional, flags } = parseArgs(args, { command: 'transpose', flags: ['semitones', 'to', 'tune'] });
  const file = positional[0];
  const semitonesText = flags.get('semitones');
  const toKey = flags.get('to');
  if (!file || positional.length > 1 || (semitonesText === undefined) === (toKey === undefined)) {
    io.err(`${USAGE}\n`);
    return 2;
  }
  const semitones = Number(semitonesText ?? 0);
  if (!Number.isInteger(semitones) || Math.abs(semitones) > 48) {
    io.err(`bachbot transpose: --semitones needs a whole number from -48 to 48 (got '${semitonesText}')\n`);
    return 2;
  }
  const tuneText = flags.get('tune');
  const tune = tuneText === undefined ? undefined : Number(tuneText);
  if (tune !== undefined && (!Number.isInteger(tune) || tune < 1)) {
    io.err(`bachbot transpose: --tune needs a tune's position in the file, from 1 (got '${tuneText}')\n`);
    return 2;
  }
  const input = readNotationFile('transpose', file, io);
  if (!input) return 2;
  if (input.language !== 'abc') {
    io.err(`bachbot transpose: '${file}' is a chorale; transpose works on .abc files\n`);
    return 2;
  }
  try {
    const edits = transposeEdits(input.text, semitones, { toKey, tune: tune === undefined ? undefined : tune - 1 });
    // The edits apply to the file as written (its offsets are the same): its line ends and byte-order mark stay.
    const body = encodeAbc(applyEdits(input.asWritten, edits), input.encoding);
    write(input.bom ? Buffer.concat([UTF8_BOM, body]) : body);
  } catch (e) {
    if (!(e instanceof TransposeError)) throw e;
    io.err(`bachbot transpose: ${e.message}\n`);
    return 2;
  }
  return 0;
}
