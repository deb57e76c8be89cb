import type { Prng } from './prng';

/** log Σ exp(row[i]) over the whole row: the normalizer of the model's distribution. */
export function logSumExp(row: ArrayLike<number>): number {
  let max = -Infinity;
  for (let i = 0; i < row.length; i++) if (row[i] > max) max = row[i];
  let sum = 0;
  for (let i = 0; i < row.length; i++) sum += Math.exp(row[i] - max);
  return max + Math.log(sum);
}

export function argmaxOf(row: ArrayLike<number>, allowed: readonly number[]): number {
  let best = allowed[0];
  for (const id of allowed) if (row[id] > row[best]) best = id;
  return best;
}

export interface SamplingOptions {
  /** 0 picks the most likely allowed token. */
  temperature: number;
  /** Nucleus: sample among the most likely allowed tokens whose probability adds up to topP. */
  topP: number;
}

/** Draws one of `allowed` from the model's distribution restricted to them, with temperature and top-p. */
export function sampleAllowed(row: ArrayLike<number>, allowed: readonly number[], options: SamplingOptions, rng: Prng): number {
  if (allowed.length === 1 || options.temperature <= 0) return argmaxOf(row, allowed);
  const t = options.temperature;
  let max = -Infinity;
  for (const id of allowed) max = Math.max(max, row[id] / t);
  const p = new Float64Array(allowed.length);
  let total = 0;
  for (let i = 0; i < allowed.length; i++) total += p[i] = Math.exp(row[allowed[i]] / t - max);
  const topP = Math.min(1, Math.max(options.topP, 1e-9));
  // Nucleus: the largest threshold whose tokens (probability >= it) still hold topP of the mass, found by
  // bisection rather than a sort (hundreds of allowed tokens per step in ABC).
  let threshold = 0;
  if (topP < 1) {
    let lo = 0;
    let hi = 1; // probabilities are relative to the most likely allowed token, which has 1
    for (let iter = 0; iter < 20; iter++) {
      const mid = (lo + hi) / 2;
      let mass = 0;
      for (let i = 0; i < p.length; i++) if (p[i] >= mid) mass += p[i];
      if (mass >= topP * total) lo = mid;
      else hi = mid;
    }
    threshold = lo;
  }
  let mass = 0;
  for (let i = 0; i < p.length; i++) if (p[i] >= threshold) mass += p[i];
  let r = rng.next() * mass;
  let last = 0;
  for (let i = 0; i < p.length; i++) {
    if (p[i] < threshold) continue;
    last = i;
    r -= p[i];
    if (r < 0) return allowed[i];
  }
  return allowed[last];
}
