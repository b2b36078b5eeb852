import { fitLine, type LinearTrend } from './linear-trend.js';
import { studentTPValue } from './student-t-p-value.js';

/** An OLS line with the uncertainty of its slope. */
export interface OlsInference extends LinearTrend {
  /** Points fitted. */
  n: number;
  /** Residual degrees of freedom, n - 2. */
  df: number;
  /** Classical standard error of the slope, sqrt(SSE / (n - 2) / S_xx); null when n = 2. */
  slopeSe: number | null;
  /** slope / slopeSe; null with the standard error. */
  t: number | null;
  /** Two-sided p-value of the slope (Student's t, n - 2 df); null with the standard error. */
  pValue: number | null;
}

/**
 * {@link linearTrend} with the slope's classical standard error, t statistic and two-sided
 * p-value (Student's t with n - 2 degrees of freedom): is the trend distinguishable from none?
 * Homoscedastic, independent errors are assumed; with yearly figures (a handful of points) the
 * test has little power, which is the point of reporting it.
 *
 * A perfect fit has standard error 0: p = 0 for a non-zero slope, 1 for a flat line. With two
 * points there are no degrees of freedom left: `slopeSe`, `t` and `pValue` are null. Errors are
 * linearTrend's.
 *
 * @example
 * ```ts
 * olsInference([2021, 2022, 2023, 2024], [0.05, 0.048, 0.047, 0.044]).pValue; // 0.019
 * ```
 */
export function olsInference(xs: readonly number[], ys: readonly number[]): OlsInference {
  const line = fitLine('olsInference', xs, ys);
  const n = xs.length;
  const df = n - 2;
  if (df < 1) return { ...line, n, df, slopeSe: null, t: null, pValue: null };
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
  const slopeSe = Math.sqrt(sse / df / sxx);
  if (slopeSe === 0) {
    return { ...line, n, df, slopeSe, t: null, pValue: line.slope === 0 ? 1 : 0 };
  }
  const t = line.slope / slopeSe;
  return { ...line, n, df, slopeSe, t, pValue: studentTPValue(t, df) };
}
