import { DivideInputError } from './divide-input-error.js';
import { checkValues } from './check-values.js';
import { sortAscending } from './ranked-sum.js';

/**
 * The p-quantile with linear interpolation between order statistics (Hyndman & Fan type 7, R's
 * default, numpy's `linear`). With the values sorted ascending x_0..x_{n-1}: r = (n - 1) p,
 * lo = floor(r), d = r - lo, result = x_lo (1 - d) + x_{lo+1} d.
 *
 * This is DuckDB's `quantile_cont` term for term (DuckDB's interpolator computes
 * `RN = (n - 1) * q` and, for DOUBLE, `lo * (1.0 - d) + hi * d`), so the db package can check its
 * SQL against this function. Any finite values; `p` must be in [0, 1].
 *
 * Throws {@link DivideInputError} for an empty array, a non-finite value or `p` outside [0, 1].
 *
 * @example
 * ```ts
 * quantile([1, 2, 3, 4], 0.5); // 2.5
 * quantile([1, 2, 3, 4], 0.25); // 1.75
 * ```
 */
export function quantile(values: readonly number[], p: number): number {
  checkValues('quantile', values);
  if (!(p >= 0 && p <= 1))
    throw new DivideInputError('quantile', `p must be between 0 and 1, got ${p}`);
  const sorted = sortAscending(values);
  const r = (sorted.length - 1) * p;
  const lo = Math.floor(r);
  const hi = Math.ceil(r);
  const xLo = sorted[lo] ?? Number.NaN;
  if (lo === hi) return xLo;
  const d = r - lo;
  return xLo * (1 - d) + (sorted[hi] ?? Number.NaN) * d;
}
