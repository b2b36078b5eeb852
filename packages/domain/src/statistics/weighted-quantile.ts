import { DivideInputError } from './divide-input-error.js';
import { checkValues, checkWeights } from './check-values.js';

/**
 * Relative tolerance on the cumulative weight: a running sum of equal weights can land a hair
 * under p W where exact arithmetic reaches it (and DuckDB sums in another order than this loop),
 * which would move the quantile one value up.
 */
const TOLERANCE = 1e-12;

/**
 * Weighted p-quantile as the inverse of the weighted distribution function: with the values
 * sorted ascending and C_i the sum of the weights of the first i, the smallest y_(i) with
 * C_i >= p W (W the total weight). With weights 1 this is Hyndman & Fan's type 1 (the inverted
 * empirical distribution), not the interpolating type 7 of {@link quantile}: interpolation between
 * neighbours has no agreed meaning when one value stands for 100 people and its neighbour for
 * 100,000. p = 0 gives the smallest value carrying weight. Ties of C_i with p W are decided with a
 * relative tolerance of 1e-12, so the SQL and this function agree.
 *
 * Values: finite numbers; weights: as {@link weightedMean}; p in [0, 1]. Errors are
 * {@link DivideInputError} (`weightedQuantile: p must be between 0 and 1, got 2`).
 *
 * @example
 * ```ts
 * weightedQuantile([1, 2, 3], [1, 1, 2], 0.5); // 2: C = 1, 2, 4 and 2 >= 0.5 x 4
 * ```
 */
export function weightedQuantile(
  values: readonly number[],
  weights: readonly number[],
  p: number,
): number {
  checkValues('weightedQuantile', values);
  const total = checkWeights('weightedQuantile', weights, values.length);
  if (!(p >= 0 && p <= 1))
    throw new DivideInputError('weightedQuantile', `p must be between 0 and 1, got ${p}`);
  const pairs = values
    .map((y, i) => ({ y, w: weights[i] ?? 0 }))
    .filter((pair) => pair.w > 0)
    .sort((a, b) => a.y - b.y);
  const target = p * total * (1 - TOLERANCE);
  let cumulative = 0;
  for (const { y, w } of pairs) {
    cumulative += w;
    if (cumulative >= target) return y;
  }
  // Unreachable: the last cumulative weight is the total, which is >= target.
  return pairs[pairs.length - 1]?.y ?? Number.NaN;
}
