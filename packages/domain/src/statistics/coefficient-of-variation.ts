import { checkValues, checkWeights } from './check-values.js';

/**
 * Coefficient of variation: CV = sigma / m, with sigma the **population** standard deviation,
 * sqrt((1/n) sum (y_i - m)^2).
 *
 * Population, not sample (n - 1), because the values are every village of the area, not a sample
 * of them; it also keeps CV scale-free in n (one village gives 0, not 0/0). In DuckDB this is
 * `stddev_pop(x) / avg(x)`; note that DuckDB's plain `stddev` is the sample version.
 *
 * Rules, as for {@link gini}: one value gives 0; all values 0 (mean 0) gives 0; negative values,
 * empty input and non-finite numbers throw {@link DivideInputError}. CV is only meaningful on a
 * ratio scale, so z-scores and other centred values are refused as negatives.
 *
 * @example
 * ```ts
 * coefficientOfVariation([2, 4, 4, 4, 5, 5, 7, 9]); // sigma 2 / mean 5 = 0.4
 * ```
 */
export function coefficientOfVariation(values: readonly number[]): number {
  checkValues('coefficientOfVariation', values, { nonNegative: true });
  const n = values.length;
  let sum = 0;
  for (const v of values) sum += v;
  if (sum === 0) return 0;
  // sigma / m = sqrt(mean((y / m - 1)^2)), with y / m = (y / sum) n: deviations relative to the
  // mean neither underflow for tiny values nor overflow when squared for huge ones.
  let squares = 0;
  for (const v of values) squares += ((v / sum) * n - 1) ** 2;
  return Math.sqrt(squares / n);
}

/**
 * Williamson index: the population-weighted coefficient of variation (Williamson 1965),
 * V_w = sqrt( sum_i (p_i / P) (y_i - m_w)^2 ) / m_w, with p_i the population of region i,
 * P = sum p and m_w = sum p y / P the population-weighted (national) mean.
 *
 * With equal weights it equals {@link coefficientOfVariation}. A divide in a populous regency
 * weighs more than the same divide in a small one, which is the point of the measure.
 *
 * Values follow {@link coefficientOfVariation}'s rules (weighted mean 0 gives 0); weights must be
 * one finite, non-negative number per value with a positive sum. Errors are
 * {@link DivideInputError}: `williamson: 2 weights for 3 values`.
 *
 * @example
 * ```ts
 * williamson([1, 3], [3, 1]); // m_w = 1.5, V_w = sqrt(0.75) / 1.5 = 0.577
 * ```
 */
export function williamson(values: readonly number[], weights: readonly number[]): number {
  checkValues('williamson', values, { nonNegative: true });
  const totalWeight = checkWeights('williamson', weights, values.length);
  let weightedSum = 0;
  values.forEach((y, i) => {
    weightedSum += (weights[i] ?? 0) * y;
  });
  if (weightedSum === 0) return 0;
  // As in coefficientOfVariation, deviations relative to the mean: y / m_w = (y / sum w y) W.
  let squares = 0;
  values.forEach((y, i) => {
    squares += ((weights[i] ?? 0) / totalWeight) * ((y / weightedSum) * totalWeight - 1) ** 2;
  });
  return Math.sqrt(squares);
}
