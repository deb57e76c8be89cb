import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Prng } from '../../src/model/decoding/prng';

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

/** Deterministic random numbers in [0, 1) for seeded loops (the engine's own generator). */
export function rng(seed: number): () => number {
  const prng = new Prng(seed);
  return () => prng.next();
}
