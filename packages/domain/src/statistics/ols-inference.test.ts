import { describe, expect, it } from 'vitest';
import { olsInference, olsInferenceFromSums } from './ols-inference.js';

/** The same fit by the matrix formulas: b = (X'X)^-1 X'y, Var(b) = s^2 (X'X)^-1. */
function matrixOls(xs: number[], ys: number[]) {
  const n = xs.length;
  const sx = xs.reduce((a, b) => a + b, 0);
  const sxx = xs.reduce((a, x) => a + x * x, 0);
  const sy = ys.reduce((a, b) => a + b, 0);
  const sxy = xs.reduce((a, x, i) => a + x * (ys[i] ?? 0), 0);
  const det = n * sxx - sx * sx;
  const inv = [sxx / det, -sx / det, -sx / det, n / det];
  const intercept = (inv[0] ?? 0) * sy + (inv[1] ?? 0) * sxy;
  const slope = (inv[2] ?? 0) * sy + (inv[3] ?? 0) * sxy;
  const sse = xs.reduce((a, x, i) => a + ((ys[i] ?? 0) - intercept - slope * x) ** 2, 0);
  const s2 = sse / (n - 2);
  return { slope, intercept, slopeSe: Math.sqrt(s2 * (inv[3] ?? 0)) };
}

describe('olsInference', () => {
  it('agrees with the matrix form of OLS, and its p-value with the t statistic', () => {
    // Centred years keep the matrix form well conditioned.
    const xs = [-2, -1, 0, 1, 2, 3];
    const ys = [0.052, 0.05, 0.0497, 0.0471, 0.0462, 0.0439];
    const fit = olsInference(xs, ys);
    const m = matrixOls(xs, ys);
    expect(fit.slope).toBeCloseTo(m.slope, 14);
    expect(fit.intercept).toBeCloseTo(m.intercept, 14);
    expect(fit.slopeSe).toBeCloseTo(m.slopeSe, 14);
    expect(fit.df).toBe(4);
    expect(fit.t).toBeCloseTo(m.slope / m.slopeSe, 10);
    expect(fit.pValue).toBeLessThan(0.001);
  });

  it('calls a noisy flat series no trend', () => {
    const fit = olsInference([2021, 2022, 2023, 2024, 2025], [0.3, 0.35, 0.29, 0.36, 0.31]);
    expect(fit.pValue).toBeGreaterThan(0.5);
  });

  it('has no standard error with two points, and p 0 or 1 for a perfect fit', () => {
    const two = olsInference([2021, 2022], [1, 2]);
    expect([two.slopeSe, two.t, two.pValue]).toEqual([null, null, null]);
    expect(olsInference([1, 2, 3], [2, 4, 6]).pValue).toBe(0);
    expect(olsInference([1, 2, 3], [5, 5, 5]).pValue).toBe(1);
  });
});

describe('olsInferenceFromSums', () => {
  it('gives the matrix form of OLS from the centred sums DuckDB aggregates', () => {
    const xs = [1.1, 1.25, 0.9, 1.4, 1.05, 1.3, 0.95];
    const ys = [0.021, 0.012, 0.03, 0.004, 0.025, 0.011, 0.024];
    const n = xs.length;
    const mx = xs.reduce((a, b) => a + b, 0) / n;
    const my = ys.reduce((a, b) => a + b, 0) / n;
    const sxx = xs.reduce((a, x) => a + (x - mx) ** 2, 0);
    const syy = ys.reduce((a, y) => a + (y - my) ** 2, 0);
    const sxy = xs.reduce((a, x, i) => a + (x - mx) * ((ys[i] ?? 0) - my), 0);
    const fit = olsInferenceFromSums({ n, sxx, syy, sxy });
    const m = matrixOls(xs, ys);
    expect(fit.slope).toBeCloseTo(m.slope, 12);
    expect(fit.slopeSe).toBeCloseTo(m.slopeSe, 12);
    expect(fit.df).toBe(5);
    // The 95 % interval with the table's t(0.975, 5) = 2.571.
    expect(fit.ciLow).toBeCloseTo(m.slope - 2.571 * m.slopeSe, 12);
    expect(fit.ciHigh).toBeCloseTo(m.slope + 2.571 * m.slopeSe, 12);
    // And the same as the fit from the points.
    const direct = olsInference(xs, ys);
    expect(fit.pValue).toBeCloseTo(direct.pValue ?? Number.NaN, 12);
  });

  it('has no standard error with two points, and refuses S_xx = 0', () => {
    const two = olsInferenceFromSums({ n: 2, sxx: 0.5, syy: 0.5, sxy: 0.5 });
    expect([two.slopeSe, two.pValue, two.ciLow, two.ciHigh]).toEqual([null, null, null, null]);
    expect(() => olsInferenceFromSums({ n: 3, sxx: 0, syy: 1, sxy: 0 })).toThrow(RangeError);
  });
});
