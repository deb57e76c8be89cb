import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The shared corpora: $BACHBOT_CORPORA, else ../shared/corpora beside the repository root. */
export function corporaDir(): string {
  return process.env.BACHBOT_CORPORA ?? resolve(__dirname, '../../../shared/corpora');
}

export function bachChorales(): { name: string; text: string }[] {
  const dir = join(corporaDir(), 'bach-chorales');
  if (!existsSync(dir)) throw new Error(`Bach chorales not found at ${dir}; set BACHBOT_CORPORA`);
  return readdirSync(dir)
    .filter((n) => n.endsWith('.satb'))
    .sort()
    .map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
}

export const REPO_ROOT = resolve(__dirname, '../..');
