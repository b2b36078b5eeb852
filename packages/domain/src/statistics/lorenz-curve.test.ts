import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gini } from './gini.js';
import { lorenzCurve } from './lorenz-curve.js';

const point = (populationShare: number, valueShare: number) => ({ populationShare, valueShare });

describe('lorenzCurve', () => {
  it('every knot by default', () => {
    expect(lorenzCurve([0, 0, 0, 1])).toEqual([
      point(0, 0),
      point(0.25, 0),
      point(0.5, 0),
      point(0.75, 0),
      point(1, 1),
    ]);
  });

  it('sorts a copy: shares of 3, 1, 2 are 1/6, 3/6, 6/6', () => {
    const values = [3, 1, 2];
    const curve = lorenzCurve(values);
    expect(curve.map((p) => p.valueShare)).toEqual([0, 1 / 6, 3 / 6, 1]);
    expect(values).toEqual([3, 1, 2]);
  });

  it('all zeros: the diagonal', () => {
    expect(lorenzCurve([0, 0])).toEqual([point(0, 0), point(0.5, 0.5), point(1, 1)]);
  });

  it('a single value: the diagonal', () => {
    expect(lorenzCurve([7])).toEqual([point(0, 0), point(1, 1)]);
  });

  it('with points, reads the curve at evenly spaced shares, interpolating between knots', () => {
    // Knots of [1, 1, 2, 4] (total 8): 0, 1/8, 2/8, 4/8, 1 at 0, 0.25, 0.5, 0.75, 1.
    // At 1/3: 1/12 of the way from 0.25 to 0.5 in knot terms, i.e. 1/8 + (1/3 * 4 - 1) * 2/8... by
    // hand: position 4/3, knot 1 holds 1, plus 1/3 of the second value 1: (1 + 1/3) / 8 = 1/6.
    // At 2/3: position 8/3, knot 2 holds 2, plus 2/3 of the value 2: (2 + 4/3) / 8 = 5/12.
    const curve = lorenzCurve([4, 1, 2, 1], 4);
    expect(curve).toHaveLength(4);
    expect(curve[0]).toEqual(point(0, 0));
    expect(curve[1]?.populationShare).toBeCloseTo(1 / 3, 15);
    expect(curve[1]?.valueShare).toBeCloseTo(1 / 6, 15);
    expect(curve[2]?.valueShare).toBeCloseTo(5 / 12, 15);
    expect(curve[3]).toEqual(point(1, 1));
  });

  it('points >= knots returns the knots', () => {
    expect(lorenzCurve([1, 2], 101)).toHaveLength(3);
  });

  it('refuses points that are not an integer >= 2', () => {
    for (const bad of [1, 2.5, 0, Number.NaN]) {
      expect(() => lorenzCurve([1, 2, 3], bad)).toThrow(
        `lorenzCurve: points must be an integer >= 2, got ${bad}`,
      );
    }
  });

  it('twice the area between diagonal and curve is the Gini', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1e5, noNaN: true }), { minLength: 1, maxLength: 40 }),
        (values) => {
          const curve = lorenzCurve(values);
          let area = 0; // under the curve, trapezoids
          for (let i = 1; i < curve.length; i++) {
            const a = curve[i - 1];
            const b = curve[i];
            if (a && b)
              area += ((b.populationShare - a.populationShare) * (a.valueShare + b.valueShare)) / 2;
          }
          expect(1 - 2 * area).toBeCloseTo(gini(values), 9);
        },
      ),
    );
  });

  it('is non-decreasing and convex from (0, 0) to (1, 1) when sampled', () => {
    const values = Array.from({ length: 1000 }, (_, i) => (i * 7919) % 101);
    const curve = lorenzCurve(values, 11);
    expect(curve).toHaveLength(11);
    for (let i = 1; i < curve.length; i++) {
      expect(curve[i]!.valueShare).toBeGreaterThanOrEqual(curve[i - 1]!.valueShare);
      expect(curve[i]!.valueShare).toBeLessThanOrEqual(curve[i]!.populationShare + 1e-12);
    }
  });
});
