/** Token strings ↔ ids, in the order of config.json's `vocab`. */
export class Vocabulary {
  private readonly ids = new Map<string, number>();

  constructor(
    readonly tokens: readonly string[],
    readonly startToken: string,
    readonly endToken: string,
  ) {
    tokens.forEach((t, i) => this.ids.set(t, i));
  }

  get size(): number {
    return this.tokens.length;
  }

  get startId(): number {
    return this.ids.get(this.startToken)!;
  }

  get endId(): number {
    return this.ids.get(this.endToken)!;
  }

  id(token: string): number | undefined {
    return this.ids.get(token);
  }

  token(id: number): string {
    return this.tokens[id];
  }

  has(token: string): boolean {
    return this.ids.has(token);
  }
}
