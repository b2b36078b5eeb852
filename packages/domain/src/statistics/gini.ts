import { checkValues, checkWeights } from './check-values.js';
import { sortAscending } from './ranked-sum.js';

/**
 * Gini coefficient: G = sum_i sum_j |y_i - y_j| / (2 n^2 m), with m the mean.
 *
 * Computed in O(n log n): with the values sorted ascending, sum_i sum_j |y_i - y_j| =
 * 2 sum_i (2i - n - 1) y_(i) (i from 1), so G = sum_i (2i - n - 1) y_(i) / (n sum y). The caller's
 * array is not reordered.
 *
 * Range [0, 1 - 1/n]: 0 when all values are equal, approaching 1 when one village holds everything.
 * Rules for awkward input:
 * - one value: 0;
 * - all values 0 (mean 0): 0. The formula is 0/0 there, but "every village has nothing" is
 *   perfect equality, and an outcome indicator can really be 0 in every village of a district;
 * - negative values: throws, the Gini of a quantity that can be negative is not an inequality measure;
 * - empty input or a non-finite value: throws.
 *
 * Errors are {@link DivideInputError}: `gini: negative value -3 at index 2`.
 *
 * @example
 * ```ts
 * gini([0, 0, 0, 1]); // 0.75
 * gini([5, 5, 5]); // 0
 * ```
 */
export function gini(values: readonly number[]): number {
  checkValues('gini', values, { nonNegative: true });
  const n = values.length;
  const sorted = sortAscending(values);
  const max = sorted[n - 1] ?? 0;
  if (max === 0) return 0;
  // G is scale invariant; dividing by the maximum keeps tiny (subnormal) or huge values from
  // underflowing or overflowing in the sums.
  let total = 0;
  let weighted = 0;
  sorted.forEach((y, i) => {
    total += y / max;
    weighted += (2 * (i + 1) - n - 1) * (y / max);
  });
  // G >= 0 in exact arithmetic; rounding can leave -1e-17 for equal values.
  return Math.max(0, weighted / (n * total));
}

/**
 * Weighted Gini coefficient, e.g. villages weighted by population:
 * G = sum_i sum_j w_i w_j |y_i - y_j| / (2 W^2 m_w), with W = sum w and m_w = sum w y / W.
 *
 * Computed in O(n log n) after sorting by value: the double sum equals
 * 2 sum_i w_i y_i (W_before(i) - W_after(i)), where W_before and W_after are the weights of the
 * values sorted before and after i. With equal weights this is {@link gini}; with integer weights it
 * is the Gini of the values repeated that many times.
 *
 * Weights must be finite and non-negative and sum to more than 0; a zero weight drops its value.
 * Values follow the rules of {@link gini} (mean 0 gives 0; negatives, empty input and non-finite
 * numbers throw {@link DivideInputError}), and so does a weights array of the wrong length
 * (`weightedGini: 3 weights for 4 values`).
 *
 * @example
 * ```ts
 * weightedGini([1, 3], [3, 1]); // same as gini([1, 1, 1, 3]) = 0.25
 * ```
 */
export function weightedGini(values: readonly number[], weights: readonly number[]): number {
  checkValues('weightedGini', values, { nonNegative: true });
  const totalWeight = checkWeights('weightedGini', weights, values.length);
  // The maximum of the values that carry weight: a weightless value must not change the result,
  // and scaling by a larger one could push the others into subnormal numbers and lose precision.
  let max = 0;
  values.forEach((y, i) => {
    if ((weights[i] ?? 0) > 0 && y > max) max = y;
  });
  if (max === 0) return 0;
  // Values over the maximum and weights over their total, for the reason given in gini.
  // Weightless values contribute nothing and are left out (over a small maximum they could
  // overflow to Infinity, and 0 x Infinity is NaN).
  const pairs = values
    .map((y, i) => ({ y: y / max, w: (weights[i] ?? 0) / totalWeight }))
    .filter((p) => p.w > 0)
    .sort((a, b) => a.y - b.y);
  let before = 0;
  let weightedTotal = 0;
  let numerator = 0;
  for (const { y, w } of pairs) {
    const after = 1 - before - w;
    numerator += w * y * (before - after);
    weightedTotal += w * y;
    before += w;
  }
  // Every positive value may carry weight 0, leaving nothing to compare.
  if (weightedTotal === 0) return 0;
  return Math.max(0, numerator / weightedTotal);
}
