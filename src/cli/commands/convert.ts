import { readFileSync, writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { checkAbc } from '../../abc/check';
import { abcToMidi, AbcMidiError } from '../../abc/midi';
import { formatDiagnostic } from '../../common/diagnostic';
import { abcToChorale, choraleToAbc, choraleToMidi, MidiExportError, midiToChorale, MidiImportError, parseSatb, writeSatb, type Chorale } from '../../satb';
import { parseArgs, type CliCommand } from '../command';
import { decodeNotationBytes } from '../notation-file';

const USAGE = `usage: bachbot convert IN OUT [--tune N] [--voice ID]
  .satb → .abc/.mid, .mid → .satb/.abc, .abc → .satb/.mid (chosen by the extensions)
  .abc → .satb reads one tune (--tune N, from 1): a melody voice (--voice ID) becomes the soprano with (?) slots
  for the harmonizer; a tune with four voices becomes S A T B.`;

/** A conversion refused with a message for the user (the CLI prints it and exits 1). */
export class ConvertError extends Error {}

export const convert: CliCommand = {
  summary: 'convert between .satb, .abc and .mid (chosen by the file extensions)',
  usage: USAGE,
  async run(args) {
    const { positional, flags } = parseArgs(args, { command: 'convert', flags: ['tune', 'voice'] });
    const tune = flags.has('tune') ? Number(flags.get('tune')) - 1 : undefined;
    if (positional.length !== 2 || (tune !== undefined && !(Number.isInteger(tune) && tune >= 0))) {
      process.stderr.write(`${USAGE}\n`);
      return 2;
    }
    const [input, output] = positional;
    try {
      writeFileSync(output, convertFile(input, output, { tune, voice: flags.get('voice') }));
      return 0;
    } catch (err) {
      if (err instanceof ConvertError || err instanceof MidiImportError || err instanceof MidiExportError) {
        process.stderr.write(`bachbot convert: ${err.message}\n`);
        return 1;
      }
      throw err;
    }
  },
};

export interface AbcReadOptions {
  tune?: number;
  voice?: string;
}

/** The bytes or text of `output` converted from `input`. */
export function convertFile(input: string, output: string, abcOptions: AbcReadOptions = {}): string | Uint8Array {
  const from = extname(input).toLowerCase();
  const to = extname(output).toLowerCase();
  const known = ['.satb', '.abc', '.mid', '.midi'];
  if (!known.includes(from) || !known.includes(to)) throw new ConvertError(`cannot convert ${from || input} to ${to || output}\n${USAGE}`);
  if (from === to) throw new ConvertError(`${input} and ${output} are both ${from} files`);
  let bytes: Buffer;
  try {
    bytes = readFileSync(input);
  } catch {
    throw new ConvertError(`cannot read '${input}'`);
  }
  return convertBytes(input, bytes, to, abcOptions, (warning) => process.stderr.write(`${warning}\n`));
}

/** `bytes` of the file `input` (its extension says what it holds) converted to a `to` file (`.satb`, `.abc`,
 * `.mid`); the ABC reader's warnings go to `warn`. Throws ConvertError, MidiImportError or MidiExportError. */
export function convertBytes(input: string, bytes: Uint8Array, to: string, abcOptions: AbcReadOptions, warn: (warning: string) => void): string | Uint8Array {
  const from = extname(input).toLowerCase();
  const text = () => decodeNotationBytes(bytes, from === '.satb' ? 'satb' : 'abc').text;
  if (from === '.abc' && (to === '.mid' || to === '.midi')) return abcFileToMidi(input, text());
  const chorale = from === '.satb' ? readSatb(input, text()) : from === '.abc' ? readAbc(input, text(), abcOptions, warn) : midiToChorale(bytes);
  if (to === '.satb') return writeSatb(chorale);
  if (to === '.abc') return choraleToAbc(chorale);
  return choraleToMidi(chorale);
}

function readSatb(file: string, text: string): Chorale {
  const { chorale, diagnostics } = parseSatb(text);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new ConvertError(`${file} has errors:\n${errors.map((d) => formatDiagnostic(file, d)).join('\n')}`);
  return chorale;
}

function abcFileToMidi(file: string, text: string): Uint8Array {
  const errors = checkAbc(text).filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new ConvertError(`${file} has errors:\n${errors.map((d) => formatDiagnostic(file, d)).join('\n')}`);
  try {
    return abcToMidi(text);
  } catch (e) {
    throw e instanceof AbcMidiError ? new ConvertError(`${file}: ${e.message}`) : e;
  }
}

function readAbc(file: string, text: string, options: AbcReadOptions, warn: (warning: string) => void): Chorale {
  const result = abcToChorale(text, options);
  if ('problem' in result) {
    const details = result.diagnostics.map((d) => `\n${formatDiagnostic(file, d)}`).join('');
    throw new ConvertError(`${file}: ${result.problem}${details}`);
  }
  for (const d of result.diagnostics) warn(formatDiagnostic(file, d));
  return result.chorale;
}
