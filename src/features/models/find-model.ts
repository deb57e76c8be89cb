/** Finds the model folder of a kind (a notation language's model, or the harmonizer): the folder whose config.json has that `type`. */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ModelKind } from '../../model/model-dir';
import { readModelConfigJson } from '../../model/model-file';

export class ModelNotFoundError extends Error {}

async function configType(dir: string): Promise<string | undefined> {
  try {
    // The model folder's own reader: a FIFO, a link out of the folder or a huge file is "not this type", never a wait.
    const config = readModelConfigJson(dir) as { type?: unknown };
    return typeof config.type === 'string' ? config.type : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `root` may be a model folder itself or a folder of model folders. A folder named after the language wins
 * over others of the same type; otherwise the first by name.
 */
export async function findModelDir(root: string, language: ModelKind): Promise<string> {
  if (!(await isDirectory(root))) throw new ModelNotFoundError(`The model folder ${root} does not exist.`);
  if ((await configType(root)) === language) return root;
  const names = (await readdir(root)).sort();
  const preferred = [...names.filter((n) => n === language), ...names.filter((n) => n !== language)];
  for (const name of preferred) {
    const dir = join(root, name);
    if ((await isDirectory(dir)) && (await configType(dir)) === language) return dir;
  }
  throw new ModelNotFoundError(
    `No ${language} model in ${root}: expected a folder with model.onnx and a config.json whose "type" is "${language}".`,
  );
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
