import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Fraction } from '../../src/music/fraction';

test('fractions normalize and compute exactly', () => {
  assert.equal(new Fraction(6, 8).toString(), '3/4');
  assert.equal(new Fraction(3, -6).toString(), '-1/2');
  assert.equal(Fraction.of(1, 3).add(Fraction.of(1, 6)).toString(), '1/2');
  assert.equal(Fraction.of(3, 2).mul(Fraction.of(2, 3)).toString(), '1');
  assert.equal(Fraction.of(3, 4).div(Fraction.of(1, 8)).toString(), '6');
  assert.equal(Fraction.of(1, 2).sub(Fraction.of(3, 4)).toString(), '-1/4');
  assert.ok(Fraction.of(1, 3).lt(Fraction.of(1, 2)));
  assert.ok(Fraction.of(2, 4).equals(Fraction.of(1, 2)));
  assert.equal(Fraction.parse('3/2')?.toString(), '3/2');
  assert.equal(Fraction.parse('1/0'), undefined);
  assert.equal(Fraction.parse('x'), undefined);
  assert.throws(() => new Fraction(1, 0));
});

test('addition and subtraction are inverse (property)', () => {
  const frac = fc.tuple(fc.integer({ min: -50, max: 50 }), fc.integer({ min: 1, max: 64 })).map(([n, d]) => new Fraction(n, d));
  fc.assert(fc.property(frac, frac, (a, b) => a.add(b).sub(b).equals(a) && a.add(b).equals(b.add(a))));
});
