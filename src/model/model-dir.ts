import { existsSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import type { ModelType } from './config';

/** What a model folder holds: a notation's language model, or the harmonizer. */
export type ModelKind = ModelType | 'harmonizer';

/** `models/` of the package: beside out/ when bundled (out/cli.js, out/extension.js), else the repository root (running from src/model with tsx). */
export function packageModelsDir(): string {
  const candidates = [resolve(__dirname, '..', 'models'), resolve(__dirname, '..', '..', 'models')];
  return candidates.find((d) => existsSync(d)) ?? candidates[0];
}

export function defaultModelDir(type: ModelKind): string {
  return join(packageModelsDir(), type);
}

/** The document language from the file name, or undefined when it is neither. */
export function languageOf(file: string): ModelType | undefined {
  const ext = extname(file).toLowerCase();
  return ext === '.satb' ? 'satb' : ext === '.abc' ? 'abc' : undefined;
}
