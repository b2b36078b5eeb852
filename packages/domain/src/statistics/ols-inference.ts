import { fitLine, type LinearTrend } from './linear-trend.js';
import { studentTPValue } from './student-t-p-value.js';
import { studentTQuantile975 } from './student-t-quantile.js';

/** How sure an OLS slope is: its classical standard error, t, p-value and 95 % interval. */
export interface SlopeInference {
  slope: number;
  /** Points fitted. */
  n: number;
  /** Residual degrees of freedom, n - 2. */
  df: number;
  /** Classical standard error of the slope, sqrt(SSE / (n - 2) / S_xx); null when n = 2. */
  slopeSe: number | null;
  /** slope / slopeSe; null with the standard error (or when it is 0). */
  t: number | null;
  /** Two-sided p-value of the slope (Student's t, n - 2 df); null with the standard error. */
  pValue: number | null;
  /** The 95 % interval slope +- t(0.975, n - 2) slopeSe; null with the standard error. */
  ciLow: number | null;
  ciHigh: number | null;
}

/** An OLS line with the uncertainty of its slope. */
export interface OlsInference extends LinearTrend, SlopeInference {}

/**
 * {@link linearTrend} with the slope's classical standard error, t statistic and two-sided
 * p-value (Student's t with n - 2 degrees of freedom): is the trend distinguishable from none?
 * Homoscedastic, independent errors are assumed; with yearly figures (a handful of points) the
 * test has little power, which is the point of reporting it.
 *
 * A perfect fit has standard error 0: p = 0 for a non-zero slope, 1 for a flat line. With two
 * points there are no degrees of freedom left: `slopeSe`, `t`, `pValue` and the interval are
 * null. Errors are linearTrend's.
 *
 * @example
 * ```ts
 * olsInference([2021, 2022, 2023, 2024], [0.05, 0.048, 0.047, 0.044]).pValue; // 0.019
 * ```
 */
export function olsInference(xs: readonly number[], ys: readonly number[]): OlsInference {
  const line = fitLine('olsInference', xs, ys);
  const n = xs.length;
  let mx = 0;
  for (const x of xs) mx += x;
  mx /= n;
  let sxx = 0;
  let sse = 0;
  for (let i = 0; i < n; i++) {
    const x = xs[i] ?? 0;
    sxx += (x - mx) ** 2;
    sse += ((ys[i] ?? 0) - (line.intercept + line.slope * x)) ** 2;
  }
  return { ...line, ...slopeInference(line.slope, n, sxx, sse) };
}

/**
 * {@link SlopeInference} of an OLS slope from the centred sums a database aggregates (DuckDB's
 * `regr_count`, `regr_sxx`, `regr_syy`, `regr_sxy`): the residual sum of squares is
 * S_yy - S_xy^2 / S_xx (clamped at 0 against rounding). The slope is S_xy / S_xx. So a stored
 * figure that keeps the three sums gives the same standard error and p-value as the query.
 *
 * @example
 * ```ts
 * // regr_count, regr_sxx, regr_syy, regr_sxy of g on x
 * olsInferenceFromSums({ n: 5, sxx: 10, syy: 4.1, sxy: -6 }).pValue; // 0.019
 * ```
 */
export function olsInferenceFromSums(sums: {
  n: number;
  sxx: number;
  syy: number;
  sxy: number;
}): SlopeInference {
  const { n, sxx, syy, sxy } = sums;
  if (!(sxx > 0)) throw new RangeError(`olsInferenceFromSums: S_xx must be > 0, got ${sxx}`);
  const slope = sxy / sxx;
  return slopeInference(slope, n, sxx, Math.max(0, syy - (sxy * sxy) / sxx));
}

/** The classical inference of a slope from n, S_xx and the residual sum of squares. */
function slopeInference(slope: number, n: number, sxx: number, sse: number): SlopeInference {
  const df = n - 2;
  const none = { slope, n, df, slopeSe: null, t: null, pValue: null, ciLow: null, ciHigh: null };
  if (df < 1) return none;
  const slopeSe = Math.sqrt(sse / df / sxx);
  if (slopeSe === 0) {
    return { ...none, slopeSe, pValue: slope === 0 ? 1 : 0, ciLow: slope, ciHigh: slope };
  }
  const t = slope / slopeSe;
  const half = studentTQuantile975(df) * slopeSe;
  return {
    slope,
    n,
    df,
    slopeSe,
    t,
    pValue: studentTPValue(t, df),
    ciLow: slope - half,
    ciHigh: slope + half,
  };
}
