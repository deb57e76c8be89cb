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
export function readNotationFile(command: string, file: string, io: CliIo): (DecodedNotation & { language: NotationLanguage }) | undefined {
  const language = languageOf(file);
  if (!language) {
    io.err(`bachbot ${command}: '${file}': unknown file type (expected .satb or .abc)\n`);
    return undefined;
  }
  try {
    return { ...decodeNotationBytes(readFileSync(file), language), language };
  } catch {
    io.err(`bachbot ${command}: cannot read '${file}'\n`);
    return undefined;
  }
}

export interface DecodedNotation {
  /** What the notation reads. */
  text: string;
  encoding: AbcEncoding;
  /** The text with its own line ends, for a command that writes it back; offsets are those of `text`. */
  asWritten: string;
  bom: boolean;
}

/** The text of a notation file's bytes: a UTF-8 byte-order mark dropped, ABC decoded as it declares, and a lone CR
 * (old Mac line ends) read as a line end. CR becomes LF one for one, so offsets, lines and columns stay those of the
 * file as an editor shows it. */
export function decodeNotationBytes(bytes: Uint8Array, language: NotationLanguage): DecodedNotation {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  const decoded = language === 'satb' ? { text: Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'), encoding: 'utf8' as const } : decodeAbc(body);
  return { ...decoded, text: decoded.text.replace(/\r(?!\n)/g, '\n'), asWritten: decoded.text, bom };
}
