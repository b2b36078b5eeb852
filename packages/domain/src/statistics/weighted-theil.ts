import { checkValues, checkWeights } from './check-values.js';

/**
 * Weighted Theil T: T_w = sum_i (w_i / W) (y_i / m_w) ln(y_i / m_w), with W = sum w and
 * m_w = sum w y / W; 0 ln 0 = 0. With villages weighted by population it is the Theil index of
 * the residents (each resident given the value of their village); with equal weights it is
 * {@link theil}. It decomposes as the unweighted one does, with group weights W_g / W in place of
 * n_g / N.
 *
 * Rules as {@link theil} (weighted mean 0 gives 0; negatives, empty input and non-finite numbers
 * throw); weights as {@link weightedMean}. Errors are {@link DivideInputError}.
 *
 * @example
 * ```ts
 * weightedTheil([1, 3], [3, 1]); // same as theil([1, 1, 1, 3])
 * ```
 */
export function weightedTheil(values: readonly number[], weights: readonly number[]): number {
  checkValues('weightedTheil', values, { nonNegative: true });
  const total = checkWeights('weightedTheil', weights, values.length);
  let weightedSum = 0;
  values.forEach((y, i) => {
    weightedSum += (weights[i] ?? 0) * y;
  });
  if (weightedSum === 0) return 0;
  let sum = 0;
  values.forEach((y, i) => {
    // r = y / m_w, computed as a ratio of sums as in theil.
    const r = (y / weightedSum) * total;
    if (r > 0) sum += ((weights[i] ?? 0) / total) * r * Math.log(r);
  });
  return Math.max(0, sum);
}
