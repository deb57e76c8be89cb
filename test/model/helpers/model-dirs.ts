import { existsSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

/** Trained models to test decoding over: the tiny fixture, the shipped model when present; the random-weight fixture otherwise. */
export function modelDirsFor(type: 'satb' | 'abc'): { dir: string; name: string }[] {
  const dirs = [
    { dir: join(ROOT, 'test', 'fixtures', 'models', `tiny-${type}`), name: `tiny-${type}` },
    { dir: join(ROOT, 'models', type), name: `models/${type}` },
  ].filter((d) => existsSync(join(d.dir, 'model.onnx')) && existsSync(join(d.dir, 'config.json')));
  return dirs.length ? dirs : [{ dir: join(__dirname, '..', 'fixtures', `random-${type}`), name: `random-${type}` }];
}
