import { checkValues } from './check-values.js';

/**
 * Arithmetic mean, sum(y) / n. Any finite values, negatives included.
 *
 * Throws {@link DivideInputError} for an empty array or a non-finite value.
 *
 * @example
 * ```ts
 * mean([3.34, 3.72, 3.24, 3.55]); // 3.4625
 * ```
 */
export function mean(values: readonly number[]): number {
  checkValues('mean', values);
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}
