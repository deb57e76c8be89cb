import { readFileSync } from 'node:fs';
import { decodeAbc, type AbcEncoding } from '../abc/charset';
import { languageOf } from '../model/model-dir';
import type { NotationLanguage } from '../notation';

/** Where a command writes; the process's streams, or a collector in tests. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export const PROCESS_IO: CliIo = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
};

/** Reads a .satb or .abc file named on the command line; says what is wrong on `io` and gives undefined otherwise. */
export function readNotationFile(command: string, file: string, io: CliIo): { text: string; language: NotationLanguage; encoding: AbcEncoding } | undefined {
  const language = languageOf(file);
  if (!language) {
    io.err(`bachbot ${command}: '${file}': unknown file type (expected .satb or .abc)\n`);
    return undefined;
  }
  try {
    const bytes = readFileSync(file);
    if (language === 'satb') return { text: bytes.toString('utf8'), language, encoding: 'utf8' };
    return { ...decodeAbc(bytes), language };
  } catch {
    io.err(`bachbot ${command}: cannot read '${file}'\n`);
    return undefined;
  }
}
