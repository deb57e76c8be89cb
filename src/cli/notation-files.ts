import { pushAll } from '../common/arrays';
import { readdirSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';

export interface NotationFile {
  path: string;
  name: string;
}

const NOTATION = /\.(satb|abc)$/i;
/** Folders a walk never enters: hidden ones (.git, .vscode) and installed packages. */
const SKIPPED_FOLDER = /^\.|^node_modules$/;

/**
 * The .satb and .abc files that paths name: a file stands for itself (whatever its type, so that the caller can
 * say what is wrong with it), a directory for the notation files under it at any depth, in path order.
 * A path that cannot be read is returned as `missing`. Each file's name is its path below the directory named (its
 * base name when named itself), so that pieces in different folders keep different names.
 */
export function notationFilesIn(paths: string[]): { files: NotationFile[]; missing: string[] } {
  const files: NotationFile[] = [];
  const missing: string[] = [];
  for (const p of paths) {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(p).isDirectory();
    } catch {
      missing.push(p);
      continue;
    }
    if (isDirectory) pushAll(files, walk(p).map((path) => ({ path, name: relative(p, path).split('\\').join('/') })));
    else files.push({ path: p, name: basename(p) });
  }
  return { files, missing };
}

function walk(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDER.test(entry.name)) pushAll(found, walk(path));
    } else if (entry.isFile() && NOTATION.test(entry.name)) {
      found.push(path);
    }
  }
  return found;
}
