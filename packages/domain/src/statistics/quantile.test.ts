import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quantile } from './quantile.js';

describe('quantile', () => {
  // Expected values as DuckDB's quantile_cont (and R's type 7) give them: r = (n - 1) p.
  const cases: Array<[values: number[], p: number, expected: number]> = [
    [[1, 2, 3, 4], 0.5, 2.5], // r = 1.5
    [[1, 2, 3, 4], 0.25, 1.75], // r = 0.75
    [[1, 2, 3, 4], 0, 1],
    [[1, 2, 3, 4], 1, 4],
    [[4, 1, 3, 2], 0.5, 2.5], // unsorted input
    [[10, 20, 30, 40, 50], 0.8, 42], // r = 3.2: 40 * 0.8 + 50 * 0.2
    [[7], 0.3, 7],
    [[-5, 5], 0.5, 0],
  ];
  for (const [values, p, expected] of cases) {
    it(`quantile(${JSON.stringify(values)}, ${p}) = ${expected}`, () => {
      expect(quantile(values, p)).toBeCloseTo(expected, 12);
    });
  }

  for (const p of [-0.1, 1.1, Number.NaN]) {
    it(`refuses p = ${p}`, () => {
      expect(() => quantile([1, 2], p)).toThrow(`quantile: p must be between 0 and 1, got ${p}`);
    });
  }

  it('is monotone in p and stays within [min, max]', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 30 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (values, p, q) => {
          const [lo, hi] = p <= q ? [p, q] : [q, p];
          expect(quantile(values, lo)).toBeLessThanOrEqual(quantile(values, hi) + 1e-9);
          expect(quantile(values, lo)).toBeGreaterThanOrEqual(Math.min(...values) - 1e-9);
          expect(quantile(values, hi)).toBeLessThanOrEqual(Math.max(...values) + 1e-9);
        },
      ),
    );
  });
});
