import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gini, weightedGini } from './gini.js';

// The oracle: the definition itself, an O(n^2) double sum, independent of the sorting shortcut.
function naiveGini(values: number[]): number {
  const n = values.length;
  const m = values.reduce((a, b) => a + b, 0) / n;
  if (m === 0) return 0;
  let sum = 0;
  for (const a of values) for (const b of values) sum += Math.abs(a - b);
  return sum / (2 * n * n * m);
}

// Indicator-like amounts: 0 or at least 1e-6. Subnormal doubles (below 2.2e-308) lose digits when
// multiplied by c, so scale invariance cannot hold for them in floating point.
const amount = fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 1e6, noNaN: true }));

const nonNegative = fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), {
  minLength: 1,
  maxLength: 60,
});
const withPositiveMean = nonNegative.filter((v) => v.some((x) => x > 0));

describe('gini', () => {
  const cases: Array<[values: number[], expected: number, why: string]> = [
    [[0, 0, 0, 1], 0.75, 'one of four holds everything: (n - 1) / n'],
    [[5, 5, 5, 5], 0, 'equal values'],
    [[7], 0, 'a single value'],
    [[0, 0, 0], 0, 'all zeros: read as perfect equality'],
    // By hand: sum over ordered pairs |yi - yj| = 2 (1+2+3 + 1+2 + 1) = 20; n = 4, mean 2.5;
    // 20 / (2 * 16 * 2.5) = 0.25.
    [[1, 2, 3, 4], 0.25, 'worked by hand'],
    [[4, 1, 3, 2], 0.25, 'order does not matter'],
    // |1 - 3| twice = 4; 4 / (2 * 4 * 2) = 0.25.
    [[1, 3], 0.25, 'two values'],
  ];
  for (const [values, expected, why] of cases) {
    it(`gini(${JSON.stringify(values)}) = ${expected} (${why})`, () => {
      expect(gini(values)).toBeCloseTo(expected, 12);
    });
  }

  it('agrees with the O(n^2) definition', () => {
    // amount, not any double: the naive oracle itself loses subnormal values in its mean.
    fc.assert(
      fc.property(fc.array(amount, { minLength: 1, maxLength: 60 }), (values) => {
        expect(gini(values)).toBeCloseTo(naiveGini(values), 9);
      }),
    );
  });

  it('is in [0, 1) for non-negative values with a positive mean', () => {
    fc.assert(
      fc.property(withPositiveMean, (values) => {
        const g = gini(values);
        expect(g).toBeGreaterThanOrEqual(0);
        expect(g).toBeLessThan(1);
      }),
    );
  });

  it('is scale invariant: gini(c y) = gini(y) for c > 0', () => {
    fc.assert(
      fc.property(
        fc.array(amount, { minLength: 1, maxLength: 60 }),
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        (values, c) => {
          expect(gini(values.map((v) => v * c))).toBeCloseTo(gini(values), 9);
        },
      ),
    );
  });
});

describe('weightedGini', () => {
  it('weights 3 and 1 equal the values repeated: gini([1, 1, 1, 3]) = 0.25', () => {
    // By hand: the 3 differs from each 1 by 2, 3 pairs, both orders: 12; 12 / (2 * 16 * 1.5) = 0.25.
    expect(weightedGini([1, 3], [3, 1])).toBeCloseTo(0.25, 12);
  });

  it('a zero weight drops its value', () => {
    expect(weightedGini([1, 100, 3], [1, 0, 1])).toBeCloseTo(gini([1, 3]), 12);
  });

  it('all values 0 gives 0', () => {
    expect(weightedGini([0, 0], [2, 5])).toBe(0);
  });

  it('equal weights give gini', () => {
    fc.assert(
      fc.property(nonNegative, fc.double({ min: 0.1, max: 100, noNaN: true }), (values, w) => {
        const weights = values.map(() => w);
        expect(weightedGini(values, weights)).toBeCloseTo(gini(values), 9);
      }),
    );
  });

  it('regression: a weightless value does not change the result (found by fast-check in CI)', () => {
    // Scaling by the weightless 1e-9 made 1e-323 subnormal and gave 0.4999999995.
    expect(weightedGini([1.0047461704763474e-9, 0, 1e-323], [0, 1, 1])).toBe(gini([0, 1e-323]));
  });

  it('integer weights give the gini of the values repeated', () => {
    const pairs = fc.array(
      fc.tuple(fc.double({ min: 0, max: 1e4, noNaN: true }), fc.integer({ min: 0, max: 6 })),
      { minLength: 1, maxLength: 30 },
    );
    fc.assert(
      fc.property(
        pairs.filter((p) => p.some(([, w]) => w > 0)),
        (p) => {
          const values = p.map(([v]) => v);
          const weights = p.map(([, w]) => w);
          const repeated = p.flatMap(([v, w]) => Array.from({ length: w }, () => v));
          expect(weightedGini(values, weights)).toBeCloseTo(gini(repeated), 9);
        },
      ),
    );
  });
});
