import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { absoluteBetaConvergence, betaConvergence, betaSpeed } from './beta-convergence.js';

// Build final values from the Barro-Sala-i-Martin model with a known speed:
// ln y_T = ln y_0 + (1 - e^{-beta T}) (ln y* - ln y_0). The growth regression then has slope
// exactly -(1 - e^{-beta T}) / T and every point on the line.
function converge(initial: number[], beta: number, years: number, steady: number): number[] {
  const closed = 1 - Math.exp(-beta * years);
  return initial.map((y0) => Math.exp(Math.log(y0) + closed * (Math.log(steady) - Math.log(y0))));
}

describe('betaConvergence', () => {
  it('recovers a known speed of 5% a year over 10 years', () => {
    const initial = [20, 35, 50, 65, 80];
    const b = betaConvergence(initial, converge(initial, 0.05, 10, 90), 10);
    expect(b.slope).toBeCloseTo(-(1 - Math.exp(-0.5)) / 10, 12);
    expect(b.intercept).toBeCloseTo(((1 - Math.exp(-0.5)) / 10) * Math.log(90), 12);
    expect(b.r2).toBeCloseTo(1, 12);
    expect(b.n).toBe(5);
    expect(b.speed).toBeCloseTo(0.05, 12);
    expect(b.halfLifeYears).toBeCloseTo(Math.LN2 / 0.05, 9); // 13.86 years
  });

  it('recovers any speed and horizon', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.005, max: 0.5, noNaN: true }),
        fc.integer({ min: 1, max: 20 }),
        fc.uniqueArray(fc.integer({ min: 1, max: 100 }), { minLength: 2, maxLength: 20 }),
        (beta, years, initial) => {
          const b = betaConvergence(initial, converge(initial, beta, years, 100), years);
          expect(b.speed).toBeCloseTo(beta, 6);
        },
      ),
    );
  });

  it('the lower villages falling further behind: positive slope, no speed or half-life', () => {
    // Everyone grows 10% except the top village, which doubles.
    const b = betaConvergence([10, 20, 40], [11, 22, 80], 5);
    expect(b.slope).toBeGreaterThan(0);
    expect(b.speed).toBeLessThan(0);
    expect(b.halfLifeYears).toBeNull();
  });

  it('equal growth everywhere: slope 0, speed 0, no half-life', () => {
    const b = betaConvergence([10, 20, 40], [15, 30, 60], 2);
    expect(b.slope).toBeCloseTo(0, 12);
    expect(b.speed).toBeCloseTo(0, 12);
    expect(b.halfLifeYears).toBeNull();
  });

  it('an overshoot (1 + b T <= 0, the order flips) has no speed', () => {
    // Over one year the lowest goes 1 -> 100 and the highest 100 -> 1: slope -2, 1 + bT = -1.
    const b = betaConvergence([1, 100], [100, 1], 1);
    expect(b.slope).toBeCloseTo(-2, 12);
    expect(b.speed).toBeNull();
    expect(b.halfLifeYears).toBeNull();
  });

  const bad: Array<[initial: number[], final: number[], years: number, message: string]> = [
    [[1, 2], [1, 2], 0, 'betaConvergence: years must be a positive number, got 0'],
    [[1, 2], [1], 5, 'betaConvergence: 2 initial values for 1 final values'],
    [[1], [1], 5, 'betaConvergence: needs at least two villages'],
    [
      [1, 0],
      [1, 2],
      5,
      'betaConvergence: initial value 0 at index 1 must be positive (log growth)',
    ],
    [
      [1, 2],
      [Number.NaN, 2],
      5,
      'betaConvergence: final value NaN at index 0 must be positive (log growth)',
    ],
    [[3, 3], [4, 5], 5, 'betaConvergence: all initial values are equal'],
  ];
  for (const [initial, final, years, message] of bad) {
    it(`refuses: ${message}`, () => {
      expect(() => betaConvergence(initial, final, years)).toThrow(message);
    });
  }
});

describe('absoluteBetaConvergence', () => {
  it('recovers the speed of a planted absolute catch-up exactly', () => {
    // y_T - y* = e^{-beta T} (y_0 - y*): every gap to y* = 5 shrinks by the same factor.
    const speed = 0.04;
    const T = 5;
    const initial = [2, 2.5, 3.1, 3.8, 4.4];
    const final = initial.map((y) => 5 + Math.exp(-speed * T) * (y - 5));
    const a = absoluteBetaConvergence(initial, final, T);
    expect(a.slope).toBeCloseTo(-(1 - Math.exp(-speed * T)) / T, 14);
    expect(a.speed).toBeCloseTo(speed, 12);
    expect(a.halfLifeYears).toBeCloseTo(Math.LN2 / speed, 10);
    expect(a.r2).toBeCloseTo(1, 12);
    // The same villages' relative half-life is shorter: ratios close faster than gaps.
    const r = betaConvergence(initial, final, T);
    expect(r.halfLifeYears).toBeLessThan(a.halfLifeYears ?? 0);
  });

  it('has no half-life when the gaps widen, and speed null past a flipped ranking', () => {
    expect(absoluteBetaConvergence([1, 2, 3], [1.1, 2.3, 3.5], 1).halfLifeYears).toBeNull();
    expect(betaSpeed(-0.5, 2)).toEqual({ speed: null, halfLifeYears: null });
    expect(() => absoluteBetaConvergence([1], [2], 1)).toThrow(/two villages/);
  });
});
