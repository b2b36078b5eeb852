import { DivideInputError } from './divide-input-error.js';
import { checkValues, checkWeights } from './check-values.js';

/**
 * Share of values **strictly below** `threshold`, a fraction in [0, 1]: a value equal to the
 * threshold is not below it, matching category cut-offs written as "low < 39.70" (IMDI 2025's
 * "sufficient" starts at 39.70). With `weights` (e.g. population) it is the weighted share.
 *
 * Any finite values and threshold. Empty input, a non-finite value or threshold, and weights of the
 * wrong length or with a zero sum throw {@link DivideInputError}.
 *
 * @example
 * ```ts
 * shareBelow([30, 39.7, 45, 60], 39.7); // 0.25: 39.7 itself is not below
 * shareBelow([30, 45], 39.7, [3, 1]); // 0.75
 * ```
 */
export function shareBelow(
  values: readonly number[],
  threshold: number,
  weights?: readonly number[],
): number {
  checkValues('shareBelow', values);
  if (!Number.isFinite(threshold)) {
    throw new DivideInputError('shareBelow', `threshold must be a finite number, got ${threshold}`);
  }
  if (weights === undefined) {
    let below = 0;
    for (const v of values) if (v < threshold) below++;
    return below / values.length;
  }
  const totalWeight = checkWeights('shareBelow', weights, values.length);
  let below = 0;
  values.forEach((v, i) => {
    if (v < threshold) below += weights[i] ?? 0;
  });
  return below / totalWeight;
}
