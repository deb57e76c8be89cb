/** The LSTM state (batch 1) and the next-token logits after reading a token prefix. */
export interface CachedPrefix {
  h: Float32Array;
  c: Float32Array;
  logits: Float32Array;
}

/** Rolling hashes of every prefix of a token-id sequence; two 32-bit lanes keep collisions out of reach. */
export class PrefixKeys {
  private readonly a: Uint32Array;
  private readonly b: Uint32Array;

  constructor(ids: ArrayLike<number>) {
    const n = ids.length;
    this.a = new Uint32Array(n + 1);
    this.b = new Uint32Array(n + 1);
    let a = 0x811c9dc5;
    let b = 0x01000193;
    this.a[0] = a;
    this.b[0] = b;
    for (let i = 0; i < n; i++) {
      a = Math.imul(a ^ (ids[i] + 1), 0x01000193) >>> 0;
      b = (Math.imul(b, 31) + Math.imul(ids[i] + 7, 0x9e3779b1)) >>> 0;
      b = (b ^ (b >>> 15)) >>> 0;
      this.a[i + 1] = a;
      this.b[i + 1] = b;
    }
  }

  /** Key of the first `length` tokens. */
  key(length: number): string {
    return `${length}:${this.a[length].toString(36)}:${this.b[length].toString(36)}`;
  }
}

/** Least-recently-used map from prefix keys to states, bounded by entry count. */
export class PrefixStateCache {
  private readonly entries = new Map<string, CachedPrefix>();
  hits = 0;
  misses = 0;

  constructor(readonly capacity = 4096) {}

  get(key: string): CachedPrefix | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    this.entries.delete(key);
    this.entries.set(key, e);
    return e;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  set(key: string, value: CachedPrefix): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
  }
}
