import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The shared corpora: $BACHBOT_CORPORA, else ../shared/corpora beside the repository root. */
export function corporaDir(): string {
  return process.env.BACHBOT_CORPORA ?? resolve(__dirname, '../../../shared/corpora');
}

export interface CorpusFile {
  name: string;
  text: string;
}

export function nottinghamFiles(): CorpusFile[] {
  const dir = join(corporaDir(), 'nottingham');
  if (!existsSync(dir)) throw new Error(`Nottingham corpus not found at ${dir}; set BACHBOT_CORPORA`);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.abc'))
    .sort()
    .map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
}

export function fixture(name: string): string {
  return readFileSync(resolve(__dirname, '../fixtures/abc', name), 'utf8');
}

/** Deterministic PRNG (mulberry32) for seeded loops. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
