import type { SurprisalMark } from './messages';

/** Colouring by surprisal (-log p in nats): five buckets from expected to astonishing. */
export interface SurprisalBucket {
  /** Lower bound in nats (inclusive). */
  from: number;
  name: string;
  /** Background colour of the decoration (transparent enough for any theme). */
  background: string;
}

export const SURPRISAL_BUCKETS: readonly SurprisalBucket[] = [
  { from: 0, name: 'expected', background: 'rgba(64, 160, 64, 0.10)' },
  { from: 1, name: 'plausible', background: 'rgba(160, 200, 64, 0.20)' },
  { from: 2.5, name: 'unusual', background: 'rgba(230, 190, 40, 0.30)' },
  { from: 4, name: 'surprising', background: 'rgba(240, 120, 30, 0.40)' },
  { from: 6, name: 'very surprising', background: 'rgba(230, 40, 40, 0.50)' },
];

/** Index into SURPRISAL_BUCKETS for a surprisal in nats. */
export function bucketOf(nats: number): number {
  if (!Number.isFinite(nats)) return SURPRISAL_BUCKETS.length - 1;
  let b = 0;
  for (let i = 0; i < SURPRISAL_BUCKETS.length; i++) if (nats >= SURPRISAL_BUCKETS[i].from) b = i;
  return b;
}

/** "surprisal 3.21 nats (p ≈ 4.0%), unusual" */
export function surprisalText(nats: number): string {
  const p = Math.exp(-nats);
  const percent = p >= 0.1 ? (p * 100).toFixed(0) : p >= 0.001 ? (p * 100).toFixed(1) : (p * 100).toExponential(1);
  return `surprisal ${nats.toFixed(2)} nats (p ≈ ${percent}%), ${SURPRISAL_BUCKETS[bucketOf(nats)].name}`;
}

/** The preview's marks for scored spans: range, bucket and the hover's words. */
export function surprisalMarks(spans: readonly { start: number; end: number; token: string; nats: number }[]): SurprisalMark[] {
  return spans.map((s) => ({ start: s.start, end: s.end, bucket: bucketOf(s.nats), text: `${s.token}: ${surprisalText(s.nats)}` }));
}
