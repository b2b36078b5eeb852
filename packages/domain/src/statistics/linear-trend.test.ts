import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { linearTrend } from './linear-trend.js';

describe('linearTrend', () => {
  it('recovers an exact line', () => {
    const t = linearTrend([2020, 2021, 2022, 2023], [10, 12.5, 15, 17.5]);
    expect(t.slope).toBeCloseTo(2.5, 12);
    expect(t.intercept).toBeCloseTo(10 - 2.5 * 2020, 8);
    expect(t.r2).toBeCloseTo(1, 12);
  });

  it('fits the ILD national series 2020-2022 (worked by hand)', () => {
    // x centred -1, 0, 1; y mean 3.49667, centred -0.03667, -0.00667, 0.04333.
    // S_xy = 0.08, S_xx = 2, S_yy = 0.0032667: slope 0.04, r2 = 0.0064 / 0.0065333 = 0.97959.
    const t = linearTrend([2020, 2021, 2022], [3.46, 3.49, 3.54]);
    expect(t.slope).toBeCloseTo(0.04, 12);
    expect(t.r2).toBeCloseTo(0.0064 / (2 * 0.0032666666666666), 9);
    expect(t.intercept + t.slope * 2021).toBeCloseTo(3.4966666666666, 9);
  });

  it('flat ys: slope 0 and r2 1, the line fits exactly', () => {
    expect(linearTrend([1, 2, 3], [4, 4, 4])).toEqual({ slope: 0, intercept: 4, r2: 1 });
  });

  it('r2 is in [0, 1] and the residuals sum to 0', () => {
    const point = fc.tuple(
      fc.integer({ min: -1000, max: 1000 }),
      fc.double({ min: -1e3, max: 1e3, noNaN: true }),
    );
    fc.assert(
      fc.property(
        fc
          .array(point, { minLength: 2, maxLength: 30 })
          .filter((p) => new Set(p.map(([x]) => x)).size > 1),
        (p) => {
          const xs = p.map(([x]) => x);
          const ys = p.map(([, y]) => y);
          const t = linearTrend(xs, ys);
          expect(t.r2).toBeGreaterThanOrEqual(0);
          expect(t.r2).toBeLessThanOrEqual(1);
          const residuals = xs.reduce((s, x, i) => s + (ys[i]! - t.intercept - t.slope * x), 0);
          expect(residuals).toBeCloseTo(0, 6);
        },
      ),
    );
  });

  const bad: Array<[xs: number[], ys: number[], message: string]> = [
    [[1, 2], [1], 'linearTrend: 2 xs for 1 ys'],
    [[1], [1], 'linearTrend: needs at least two points for a trend'],
    [[], [], 'linearTrend: needs at least one value of the x values'],
    [[3, 3], [1, 2], 'linearTrend: all x values are equal (3), slope undefined'],
    [[1, 2], [1, Number.NaN], 'linearTrend: non-finite value NaN at index 1 of the y values'],
  ];
  for (const [xs, ys, message] of bad) {
    it(`refuses: ${message}`, () => {
      expect(() => linearTrend(xs, ys)).toThrow(message);
    });
  }
});
