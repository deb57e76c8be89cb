/**
 * Array helpers for lists of any length. Spreading a list into a call (`out.push(...items)`, `Math.max(...xs)`)
 * puts every element on the stack and throws "Maximum call stack size exceeded" past some 100,000 elements (a
 * 200 KB line of music); these loop instead.
 */

/** Appends every item to `target` and returns it. */
export function pushAll<T>(target: T[], items: readonly T[]): T[] {
  for (const item of items) target.push(item);
  return target;
}

/** The largest value (-Infinity for none, as `Math.max()`). */
export function maxOf(values: Iterable<number>): number {
  let max = -Infinity;
  for (const v of values) if (v > max || Number.isNaN(v)) max = v;
  return max;
}

/** The smallest value (Infinity for none, as `Math.min()`). */
export function minOf(values: Iterable<number>): number {
  let min = Infinity;
  for (const v of values) if (v < min || Number.isNaN(v)) min = v;
  return min;
}
