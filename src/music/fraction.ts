/** Exact rational numbers for musical durations (whole notes, units of L, bars). Immutable. */
export class Fraction {
  readonly num: number;
  readonly den: number;

  constructor(num: number, den = 1) {
    if (den === 1 && Number.isInteger(num)) {
      this.num = num;
      this.den = 1;
      return;
    }
    if (!Number.isInteger(num) || !Number.isInteger(den) || den === 0) {
      throw new RangeError(`invalid fraction ${num}/${den}`);
    }
    const sign = den < 0 ? -1 : 1;
    const g = gcd(Math.abs(num), Math.abs(den)) || 1;
    this.num = (sign * num) / g;
    this.den = Math.abs(den) / g;
  }

  static readonly ZERO = new Fraction(0);
  static readonly ONE = new Fraction(1);

  static of(num: number, den = 1): Fraction {
    return new Fraction(num, den);
  }

  /** Parses `3`, `3/2`, `-1/4`; undefined for anything else (or a zero denominator). */
  static parse(text: string): Fraction | undefined {
    const m = /^\s*(-?\d+)(?:\s*\/\s*(\d+))?\s*$/.exec(text);
    if (!m) return undefined;
    const den = m[2] === undefined ? 1 : Number(m[2]);
    if (den === 0) return undefined;
    return new Fraction(Number(m[1]), den);
  }

  add(o: Fraction): Fraction {
    return new Fraction(this.num * o.den + o.num * this.den, this.den * o.den);
  }
  sub(o: Fraction): Fraction {
    return new Fraction(this.num * o.den - o.num * this.den, this.den * o.den);
  }
  mul(o: Fraction): Fraction {
    return new Fraction(this.num * o.num, this.den * o.den);
  }
  div(o: Fraction): Fraction {
    if (o.num === 0) throw new RangeError('division by zero fraction');
    return new Fraction(this.num * o.den, this.den * o.num);
  }
  compare(o: Fraction): number {
    return Math.sign(this.num * o.den - o.num * this.den);
  }
  equals(o: Fraction): boolean {
    return this.num === o.num && this.den === o.den;
  }
  lt(o: Fraction): boolean {
    return this.compare(o) < 0;
  }
  gt(o: Fraction): boolean {
    return this.compare(o) > 0;
  }
  isZero(): boolean {
    return this.num === 0;
  }
  valueOf(): number {
    return this.num / this.den;
  }
  toNumber(): number {
    return this.num / this.den;
  }
  /** `3/2`, `1`, `1/4`. */
  toString(): string {
    return this.den === 1 ? String(this.num) : `${this.num}/${this.den}`;
  }
}

export function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}
