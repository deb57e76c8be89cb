/** Recent completions, keyed by a hash of the text around the cursor and the request's options. */
import { createHash } from 'node:crypto';
import { COMPLETION_CONSTANTS } from './constants';

export interface CacheKeyInput {
  language: string;
  text: string;
  offset: number;
  options: Record<string, unknown>;
}

export function completionCacheKey({ language, text, offset, options }: CacheKeyInput): string {
  const prefix = text.slice(Math.max(0, offset - COMPLETION_CONSTANTS.cachePrefixChars), offset);
  const suffix = text.slice(offset, offset + COMPLETION_CONSTANTS.cacheSuffixChars);
  return createHash('sha1').update(`${language}\u0000${JSON.stringify(options)}\u0000${prefix}\u0000${suffix}`).digest('hex');
}

/** A least-recently-used map of limited size. */
export class LruCache<V> {
  private readonly map = new Map<string, V>();

  constructor(private readonly capacity = COMPLETION_CONSTANTS.cacheEntries) {}

  get(key: string): V | undefined {
    const value = this.map.get(key);
    if (value === undefined) return undefined;
    this.map.delete(key);
    this.map.set(key, value);
    return value;
  }

  set(key: string, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value as string);
  }

  clear(): void {
    this.map.clear();
  }

  get size(): number {
    return this.map.size;
  }
}
