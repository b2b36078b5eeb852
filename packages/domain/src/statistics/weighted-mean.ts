import { checkValues, checkWeights } from './check-values.js';

/**
 * Weighted arithmetic mean, sum(w y) / sum(w): with villages weighted by population, the mean a
 * resident sees. Equal weights give {@link mean}.
 *
 * Values: any finite numbers. Weights: one finite, non-negative number per value with a positive
 * sum. Errors are {@link DivideInputError}: `weightedMean: 2 weights for 3 values`.
 *
 * @example
 * ```ts
 * weightedMean([1, 3], [3, 1]); // 1.5
 * ```
 */
export function weightedMean(values: readonly number[], weights: readonly number[]): number {
  checkValues('weightedMean', values);
  const total = checkWeights('weightedMean', weights, values.length);
  let sum = 0;
  values.forEach((y, i) => {
    sum += (weights[i] ?? 0) * y;
  });
  return sum / total;
}
