import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { formatDiagnostic, type NotationDiagnostic } from '../../common/diagnostic';
import { checkAbc } from '../../abc/check';
import { checkSatb } from '../../satb';
import { parseArgs, type CliCommand } from '../command';
import { decodeNotationBytes } from '../notation-file';
import { notationFilesIn } from '../notation-files';

const USAGE = 'usage: bachbot check FILE|DIR... [--quiet-warnings]  (a DIR stands for the .satb and .abc files under it)';

/** Diagnostics for one file, or a message when the file cannot be checked at all. */
export function checkFile(file: string): NotationDiagnostic[] | string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return `cannot read '${file}'`;
  }
  switch (extname(file).toLowerCase()) {
    case '.satb':
      return checkSatb(decodeNotationBytes(bytes, 'satb').text);
    case '.abc':
      return checkAbc(decodeNotationBytes(bytes, 'abc').text);
    default:
      return `'${file}': unknown file type (expected .satb or .abc)`;
  }
}

export const check: CliCommand = {
  summary: 'report notation errors and warnings (voice leading, bar lengths) in .satb and .abc files',
  usage: USAGE,
  async run(args) {
    const { positional, flags } = parseArgs(args, { command: 'check', flags: [], booleans: ['quiet-warnings'] });
    if (positional.length === 0) {
      process.stderr.write(`${USAGE}\n`);
      return 2;
    }
    const showWarnings = !flags.has('quiet-warnings');
    let errors = 0;
    let warnings = 0;
    const { files, missing } = notationFilesIn(positional);
    for (const path of missing) process.stderr.write(`bachbot check: cannot read '${path}'\n`);
    let unreadable = missing.length > 0;
    for (const { path: file } of files) {
      const result = checkFile(file);
      if (typeof result === 'string') {
        process.stderr.write(`bachbot check: ${result}\n`);
        unreadable = true;
        continue;
      }
      for (const d of result) {
        if (d.severity === 'error') errors++;
        else warnings++;
        if (d.severity === 'error' || showWarnings) process.stdout.write(`${formatDiagnostic(file, d)}\n`);
      }
    }
    process.stderr.write(`${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}\n`);
    if (unreadable) return 2;
    return errors > 0 ? 1 : 0;
  },
};
