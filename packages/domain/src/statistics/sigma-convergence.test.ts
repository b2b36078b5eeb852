import { describe, expect, it } from 'vitest';
import { sigmaConvergence } from './sigma-convergence.js';

describe('sigmaConvergence', () => {
  it('a series whose spread falls converges', () => {
    // Mean 50 every year; population sd sqrt(3200/3), sqrt(800/3), sqrt(50/3):
    // CV 0.65320, 0.32660, 0.08165 and Gini (by hand, sum|yi - yj| / (2 n^2 m)):
    // 2021: 2 (40 + 80 + 40) / (2 * 9 * 50) = 0.35556; 2022: 0.17778; 2023: 0.04444.
    const s = sigmaConvergence({ 2023: [45, 50, 55], 2021: [10, 50, 90], 2022: [30, 50, 70] });
    expect(s.years.map((y) => y.year)).toEqual([2021, 2022, 2023]);
    expect(s.years.map((y) => y.n)).toEqual([3, 3, 3]);
    expect(s.years.map((y) => y.mean)).toEqual([50, 50, 50]);
    const cv = [Math.sqrt(3200 / 3) / 50, Math.sqrt(800 / 3) / 50, Math.sqrt(50 / 3) / 50];
    s.years.forEach((y, i) => expect(y.cv).toBeCloseTo(cv[i]!, 12));
    s.years.forEach((y, i) => expect(y.gini).toBeCloseTo([320 / 900, 160 / 900, 40 / 900][i]!, 12));
    // OLS slope over three equally spaced years = (last - first) / 2.
    expect(s.trend.cvSlopePerYear).toBeCloseTo((cv[2]! - cv[0]!) / 2, 12);
    expect(s.trend.giniSlopePerYear).toBeCloseTo((40 - 320) / 900 / 2, 12);
    expect(s.converging).toBe(true);
  });

  it('a widening divide does not converge', () => {
    const s = sigmaConvergence([
      { year: 2021, values: [40, 50, 60] },
      { year: 2022, values: [20, 50, 80] },
    ]);
    expect(s.converging).toBe(false);
    expect(s.trend.cvSlopePerYear).toBeGreaterThan(0);
  });

  it('rising levels with the same absolute gaps converge: dispersion is relative', () => {
    const s = sigmaConvergence({ 2021: [10, 20], 2022: [30, 40], 2023: [50, 60] });
    expect(s.converging).toBe(true);
  });

  it('CV and Gini disagreeing is not convergence', () => {
    // [0, 0, 3, 3] -> [0, 1, 3, 7]. Gini by hand: 24 / (2 * 16 * 1.5) = 0.5 -> 46 / (2 * 16 * 2.75)
    // = 0.52273, up. CV: 1.5 / 1.5 = 1 -> sqrt(28.75 / 4) / 2.75 = 0.97489, down.
    const s = sigmaConvergence({ 2021: [0, 0, 3, 3], 2022: [0, 1, 3, 7] });
    expect(s.years[0]!.gini).toBeCloseTo(0.5, 12);
    expect(s.years[1]!.gini).toBeCloseTo(46 / 88, 12);
    expect(s.years[1]!.cv).toBeCloseTo(Math.sqrt(28.75 / 4) / 2.75, 12);
    expect(s.trend.cvSlopePerYear).toBeLessThan(0);
    expect(s.trend.giniSlopePerYear).toBeGreaterThan(0);
    expect(s.converging).toBe(false);
  });

  const bad: Array<[series: Parameters<typeof sigmaConvergence>[0], message: string]> = [
    [{ 2021: [1, 2] }, 'sigmaConvergence: needs at least two years, got 1'],
    [
      [
        { year: 2021, values: [1] },
        { year: 2021, values: [2] },
      ],
      'sigmaConvergence: duplicate year 2021',
    ],
    [{ 2021: [1, 2], 2022: [] }, 'sigmaConvergence: needs at least one value in year 2022'],
    [
      { 2021: [1, 2], 2022: [1, 2, 3, -1] },
      'sigmaConvergence: negative value -1 at index 3 in year 2022',
    ],
    [{ 2021: [1], x: [1] }, 'sigmaConvergence: year "x" is not a number'],
  ];
  for (const [series, message] of bad) {
    it(`refuses: ${message}`, () => {
      expect(() => sigmaConvergence(series)).toThrow(message);
    });
  }
});
