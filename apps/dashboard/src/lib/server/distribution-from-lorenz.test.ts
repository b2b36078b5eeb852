import { describe, expect, it } from 'vitest';
import { lorenzCurve, mean as meanOf } from '@pandu/domain';
import { distributionFromLorenz } from './distribution-from-lorenz.js';

describe('distributionFromLorenz', () => {
  it('recovers every village when the curve has all its knots', () => {
    // Villages 1, 2, 3, 4, 10: mean 4, shares 0.05, 0.15, 0.3, 0.5, 1.
    const points = [0, 0.05, 0.15, 0.3, 0.5, 1].map((valueShare, i) => ({
      populationShare: i / 5,
      valueShare,
    }));
    const d = distributionFromLorenz(points, 5, 4)!;
    expect(d.exact).toBe(true);
    expect(d.min).toBeCloseTo(1, 9);
    expect(d.max).toBeCloseTo(10, 9);
    expect(d.bins.reduce((s, b) => s + b.count, 0)).toBeCloseTo(5, 9);
    const bin = (v: number) => d.bins.find((b) => v >= b.x0 && v < b.x1)!;
    expect(bin(10).count).toBe(1);
  });

  it("agrees with a histogram of the values, checked through the domain's own Lorenz curve", () => {
    // 1,000 villages on a deterministic spread: the 101-point curve gives percentile-group means.
    const values = Array.from(
      { length: 1000 },
      (_, i) => 3 + Math.sin(i * 12.9898) * 0.5 + (i % 7) * 0.05,
    );
    const curve = lorenzCurve(values, 101);
    const d = distributionFromLorenz(curve, values.length, meanOf(values))!;
    expect(d.exact).toBe(false);
    expect(d.bins.reduce((s, b) => s + b.count, 0)).toBeCloseTo(1000, 6);
    // Group means sit inside the true range and the weighted mean is the true mean.
    expect(d.min).toBeGreaterThanOrEqual(Math.min(...values) - 1e-9);
    expect(d.max).toBeLessThanOrEqual(Math.max(...values) + 1e-9);
    const share = (v: number) => values.filter((x) => x < v).length / values.length;
    const approxShare = (v: number) =>
      d.bins.filter((b) => b.x1 <= v).reduce((s, b) => s + b.count, 0) / 1000;
    const edge = d.bins[Math.floor(d.bins.length / 2)]!.x0;
    expect(Math.abs(share(edge) - approxShare(edge))).toBeLessThan(0.03);
  });

  it('gives one bin when every village has the same value (one region)', () => {
    const d = distributionFromLorenz(
      [
        { populationShare: 0, valueShare: 0 },
        { populationShare: 1, valueShare: 1 },
      ],
      1,
      3.5,
    )!;
    expect(d.bins).toHaveLength(1);
    expect(d.bins[0]!.count).toBe(1);
  });

  it('gives nothing for no data', () => {
    expect(distributionFromLorenz([], 0, Number.NaN)).toBeNull();
    expect(distributionFromLorenz([{ populationShare: 0, valueShare: 0 }], 0, 3)).toBeNull();
  });
});
