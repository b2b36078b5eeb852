import { checkValues } from './check-values.js';
import { bottomSum, sortAscending, topSum } from './ranked-sum.js';

/**
 * A gap between a top and a bottom figure, as {@link quintileGap} and {@link maxMinGap} report it.
 */
export interface Gap {
  top: number;
  bottom: number;
  /** top - bottom. */
  difference: number;
  /** top / bottom; null when bottom <= 0, where a ratio says nothing. */
  ratio: number | null;
}

/**
 * Mean of the top fifth of the values against the mean of the bottom fifth.
 *
 * **Quintiles for any n:** each quintile is exactly n/5 observations by sorted rank, the
 * observation straddling the cut counted in part (the rule of {@link palmaRatio}). For n = 7 the
 * top quintile is the largest value plus 0.4 of the second largest, divided by 1.4; for n < 5 it is
 * the largest value alone. Equal values give difference 0 and ratio 1.
 *
 * Any finite values, negatives included (the difference is meaningful for z-scores; the ratio is
 * then null). Empty input or a non-finite value throws {@link DivideInputError}.
 *
 * @example
 * ```ts
 * quintileGap([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
 * // { top: 9.5, bottom: 1.5, difference: 8, ratio: 6.333 }
 * ```
 */
export function quintileGap(values: readonly number[]): Gap {
  checkValues('quintileGap', values);
  const sorted = sortAscending(values);
  const k = sorted.length / 5;
  const top = topSum(sorted, k) / k;
  const bottom = bottomSum(sorted, k) / k;
  return { top, bottom, difference: top - bottom, ratio: bottom > 0 ? top / bottom : null };
}
