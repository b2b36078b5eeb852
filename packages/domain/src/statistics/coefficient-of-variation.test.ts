import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coefficientOfVariation, williamson } from './coefficient-of-variation.js';

// Indicator-like amounts: 0 or at least 1e-6. Subnormal doubles (below 2.2e-308) lose digits when
// multiplied by c, so scale invariance cannot hold for them in floating point.
const amount = fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 1e6, noNaN: true }));

describe('coefficientOfVariation', () => {
  const cases: Array<[values: number[], expected: number, why: string]> = [
    // mean 5; squared deviations 9+1+1+1+0+0+4+16 = 32; population variance 32/8 = 4, sd 2.
    [[2, 4, 4, 4, 5, 5, 7, 9], 0.4, 'population sd 2 / mean 5'],
    // mean 2, deviations +-1: population sd 1 (the sample sd would be sqrt(2)).
    [[1, 3], 0.5, 'population, not sample, sd'],
    [[6], 0, 'a single value'],
    [[4, 4, 4], 0, 'equal values'],
    [[0, 0, 0], 0, 'all zeros'],
  ];
  for (const [values, expected, why] of cases) {
    it(`cv(${JSON.stringify(values)}) = ${expected} (${why})`, () => {
      expect(coefficientOfVariation(values)).toBeCloseTo(expected, 12);
    });
  }

  it('is scale invariant', () => {
    fc.assert(
      fc.property(
        fc.array(amount, { minLength: 1, maxLength: 50 }),
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        (values, c) => {
          expect(coefficientOfVariation(values.map((v) => v * c))).toBeCloseTo(
            coefficientOfVariation(values),
            9,
          );
        },
      ),
    );
  });
});

describe('williamson', () => {
  it('weights 3 and 1 on values 1 and 3', () => {
    // m_w = (3 + 3) / 4 = 1.5; variance 0.75 * 0.25 + 0.25 * 2.25 = 0.75; sqrt(0.75) / 1.5.
    expect(williamson([1, 3], [3, 1])).toBeCloseTo(Math.sqrt(0.75) / 1.5, 12);
  });

  it('equals the CV of the values repeated by integer weights', () => {
    expect(williamson([1, 3], [3, 1])).toBeCloseTo(coefficientOfVariation([1, 1, 1, 3]), 12);
  });

  it('with equal weights equals the CV', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 50 }),
        (values) => {
          expect(
            williamson(
              values,
              values.map(() => 7),
            ),
          ).toBeCloseTo(coefficientOfVariation(values), 9);
        },
      ),
    );
  });

  it('weighted mean 0 gives 0', () => {
    expect(williamson([0, 5], [1, 0])).toBe(0);
  });
});
