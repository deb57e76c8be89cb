/**
 * The files of a model folder, read only as regular files inside the folder and of a bounded size: a model folder
 * may come from anywhere (`bachbot.modelPath`, `--model`), and a FIFO would hang loading, a device never end, and
 * a config.json naming `../../elsewhere` open a file outside the folder.
 */
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { ModelLoadError } from './errors';

/** Largest .onnx graph read (the shipped ones are 1 to 6 MB). */
export const MAX_GRAPH_BYTES = 200 * 1024 * 1024;
/** Largest config.json read (the shipped ones are 12 to 20 KB). */
export const MAX_CONFIG_BYTES = 1024 * 1024;

// Not following a link at the last step, and not waiting for a writer to a FIFO; neither exists on Windows, where
// the checks on the open file below still hold.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/** A plain relative name for a file of the folder, as config.json may give one; undefined when it is one. */
export function modelFileNameProblem(name: string): string | undefined {
  if (name === '' || name.includes('\0')) return 'is not a file name';
  if (isAbsolute(name) || /^[A-Za-z]:/.test(name)) return 'must be a file name inside the model folder, not an absolute path';
  if (name.split(/[\\/]/).includes('..')) return 'must be a file name inside the model folder (no "..")';
  return undefined;
}

/** Whether `dir/name` exists at all (a missing optional file, such as prefix.onnx, is no error). */
export function modelFileExists(dir: string, name: string): boolean {
  try {
    realpathSync(join(dir, name));
    return true;
  } catch {
    return false;
  }
}

/**
 * The bytes of `name` in the model folder `dir`: a regular file whose real path lies inside the folder's, of at
 * most `maxBytes`; anything else is a ModelLoadError naming the file. `missing` says what a missing file means.
 */
export function readModelFile(dir: string, name: string, maxBytes: number, missing = 'a model folder holds model.onnx and config.json'): Uint8Array {
  const path = join(dir, name);
  const nameProblem = modelFileNameProblem(name);
  if (nameProblem) throw new ModelLoadError(`${path}: "${name}" ${nameProblem}`);
  let realDir: string;
  let realPath: string;
  try {
    realDir = realpathSync(dir);
  } catch {
    throw new ModelLoadError(`model directory ${dir} does not exist`);
  }
  try {
    realPath = realpathSync(path);
  } catch {
    throw new ModelLoadError(`${path} is missing (${missing})`);
  }
  const inside = relative(realDir, realPath);
  if (inside.startsWith('..') || isAbsolute(inside)) {
    throw new ModelLoadError(`${path} leads to ${realPath}, which is outside the model folder ${realDir}`);
  }
  let fd: number;
  try {
    fd = openSync(realPath, OPEN_FLAGS);
  } catch (err) {
    throw new ModelLoadError(`${path} cannot be opened (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new ModelLoadError(`${path} is ${kindOf(stat)}, not a regular file`);
    if (stat.size > maxBytes) throw new ModelLoadError(`${path} is ${stat.size} bytes, more than the ${sizeText(maxBytes)} a model file may be`);
    return readAll(fd, path, stat.size, maxBytes);
  } finally {
    closeSync(fd);
  }
}

/** The file's bytes, never more than maxBytes even if it grows while it is read. */
function readAll(fd: number, path: string, size: number, maxBytes: number): Uint8Array {
  let buffer = new Uint8Array(Math.max(size, 1));
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (length > maxBytes) throw new ModelLoadError(`${path} grew past the ${sizeText(maxBytes)} a model file may be while it was read`);
      const bigger = new Uint8Array(Math.min(buffer.length * 2, maxBytes + 1));
      bigger.set(buffer);
      buffer = bigger;
    }
    const n = readSync(fd, buffer, length, buffer.length - length, null);
    if (n === 0) return buffer.subarray(0, length);
    length += n;
  }
}

function kindOf(stat: { isDirectory(): boolean; isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean }): string {
  if (stat.isDirectory()) return 'a directory';
  if (stat.isFIFO()) return 'a FIFO (named pipe)';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isSocket()) return 'a socket';
  return 'not a plain file';
}

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MB` : `${bytes} bytes`;
}

/** config.json of the folder as JSON: bounded, a regular file, and its parse error named. */
export function readModelConfigJson(dir: string): unknown {
  const bytes = readModelFile(dir, 'config.json', MAX_CONFIG_BYTES);
  try {
    return JSON.parse(new TextDecoder('utf-8').decode(bytes));
  } catch (err) {
    throw new ModelLoadError(`${join(dir, 'config.json')} is not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
}
