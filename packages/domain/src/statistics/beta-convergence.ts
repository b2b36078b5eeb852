import { DivideInputError } from './divide-input-error.js';
import { fitLine } from './linear-trend.js';

/** Result of {@link betaConvergence}. */
export interface BetaConvergence {
  /** b in g_i = a + b ln(y_i0): negative means the villages that started lower grew faster. */
  slope: number;
  /** a, the annual log growth predicted for an initial value of 1. */
  intercept: number;
  r2: number;
  /** Number of villages. */
  n: number;
  /** Implied convergence speed beta = -ln(1 + b T) / T per year; null when 1 + b T <= 0. */
  speed: number | null;
  /** Years to close half the gap, ln 2 / speed; null unless speed > 0. */
  halfLifeYears: number | null;
}

/**
 * Beta-convergence (Barro & Sala-i-Martin): do the villages that started lower improve faster?
 * OLS of the annualised log growth g_i = ln(y_iT / y_i0) / T on the initial level ln(y_i0).
 *
 * A negative slope b is beta-convergence. From the model ln y_iT - ln y_i0 =
 * -(1 - e^{-beta T}) (ln y_i0 - ln y*) it follows b = -(1 - e^{-beta T}) / T, so the speed is
 * beta = -ln(1 + b T) / T per year (the standard Barro-Sala-i-Martin speed; undefined, null, when
 * 1 + b T <= 0, i.e. the ranking would flip) and the half-life of the gap is ln 2 / beta
 * (null unless beta > 0: a diverging series has none).
 *
 * `initial` and `final` are the same villages in the same order, all finite and **positive** (log
 * growth); `years` (T) is finite and positive. Needs two villages with different initial values.
 * Errors are {@link DivideInputError}: `betaConvergence: initial value 0 at index 3 must be positive`.
 *
 * @example
 * ```ts
 * const b = betaConvergence([20, 40, 80], [36.4, 54.9, 82.8], 5);
 * b.slope; // -0.081: the lower villages grew faster
 * b.halfLifeYears; // 6.6 years to halve the gap at that pace
 * ```
 */
export function betaConvergence(
  initial: readonly number[],
  final: readonly number[],
  years: number,
): BetaConvergence {
  const fn = 'betaConvergence';
  checkPairs(fn, initial, final, years);
  const check = (label: string, values: readonly number[]): void =>
    values.forEach((v, i) => {
      if (!(Number.isFinite(v) && v > 0)) {
        throw new DivideInputError(
          fn,
          `${label} value ${v} at index ${i} must be positive (log growth)`,
          i,
        );
      }
    });
  check('initial', initial);
  check('final', final);

  const x = initial.map((v) => Math.log(v));
  const g = initial.map((v, i) => Math.log((final[i] ?? Number.NaN) / v) / years);
  const { slope, intercept, r2 } = fitLine(fn, x, g, 'initial');
  return { slope, intercept, r2, n: initial.length, ...betaSpeed(slope, years) };
}

/**
 * The speed and half-life a beta slope `b` over `years` (T) implies: speed = -ln(1 + b T) / T
 * (null when 1 + b T <= 0), half-life = ln 2 / speed (null unless speed > 0). Shared by the
 * relative ({@link betaConvergence}) and the absolute ({@link absoluteBetaConvergence}) fits.
 *
 * @example
 * ```ts
 * betaSpeed(-0.05, 5).halfLifeYears; // 12.0 (speed 0.0575 a year)
 * ```
 */
export function betaSpeed(
  slope: number,
  years: number,
): { speed: number | null; halfLifeYears: number | null } {
  const retained = 1 + slope * years;
  const speed = retained > 0 ? -Math.log(retained) / years : null;
  return { speed, halfLifeYears: speed !== null && speed > 0 ? Math.LN2 / speed : null };
}

/**
 * Absolute beta convergence: do the villages that started lower gain more points, not only a
 * larger percentage? OLS of the annual change in level d_i = (y_iT - y_i0) / T on the initial
 * level y_i0. From y_iT - y* = e^{-beta T} (y_i0 - y*) it follows b = -(1 - e^{-beta T}) / T, so
 * the speed is beta = -ln(1 + b T) / T and ln 2 / beta the half-life of the absolute gaps (in
 * points of the measure), beside the relative half-life of {@link betaConvergence}. Relative gaps
 * close faster than absolute ones when everyone grows: a village at 2 reaching 3 while one at 4
 * reaches 5 closes the ratio (2 to 1.67) but not the gap (2 points).
 *
 * Same inputs as {@link betaConvergence}, but values need only be finite (no logs): the callers
 * pass the same positive villages so the two fits are of one sample. Errors are
 * {@link DivideInputError}: `absoluteBetaConvergence: needs at least two villages`.
 *
 * @example
 * ```ts
 * const a = absoluteBetaConvergence([2, 3, 4], [2.6, 3.5, 4.4], 2);
 * a.slope; // -0.05: 0.05 points a year less gain per point started higher
 * a.halfLifeYears; // 13.2
 * ```
 */
export function absoluteBetaConvergence(
  initial: readonly number[],
  final: readonly number[],
  years: number,
): BetaConvergence {
  const fn = 'absoluteBetaConvergence';
  checkPairs(fn, initial, final, years);
  const change = initial.map((v, i) => ((final[i] ?? Number.NaN) - v) / years);
  const { slope, intercept, r2 } = fitLine(fn, initial, change, 'initial');
  return { slope, intercept, r2, n: initial.length, ...betaSpeed(slope, years) };
}

/** The inputs both beta fits share: a positive span, as many final as initial values, two or more. */
function checkPairs(
  fn: string,
  initial: readonly number[],
  final: readonly number[],
  years: number,
): void {
  if (!(Number.isFinite(years) && years > 0)) {
    throw new DivideInputError(fn, `years must be a positive number, got ${years}`);
  }
  if (initial.length !== final.length) {
    throw new DivideInputError(
      fn,
      `${initial.length} initial values for ${final.length} final values`,
    );
  }
  if (initial.length < 2) throw new DivideInputError(fn, 'needs at least two villages');
}
