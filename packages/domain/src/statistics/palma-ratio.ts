import { checkValues } from './check-values.js';
import { bottomSum, sortAscending, topSum } from './ranked-sum.js';

/**
 * Palma ratio: the share of the total held by the top 10% divided by the share held by the
 * bottom 40% (Palma 2011; Cobham & Sumner). The shares' common denominator cancels, so it is
 * sum(top 10%) / sum(bottom 40%).
 *
 * **The cut for any n:** the groups are exactly n/10 and 4n/10 observations by sorted rank, the
 * observation straddling a cut counted in part. For n = 5 the top 10% is half of the largest value
 * and the bottom 40% the two smallest; for n = 3 the top is 0.3 of the largest and the bottom the
 * smallest plus 0.2 of the middle one. So equal values always give 0.25 and adding one village
 * moves the ratio smoothly instead of in jumps.
 *
 * Rules: all values 0 gives 0.25 (perfect equality); **null** when the bottom 40% hold nothing but
 * the total is positive (the ratio is infinite; null survives JSON, Infinity does not). Negative
 * values, empty input and non-finite numbers throw {@link DivideInputError}.
 *
 * @example
 * ```ts
 * palmaRatio([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]); // 10 / (1 + 2 + 3 + 4) = 1
 * palmaRatio([1, 2, 3, 4, 10]); // (0.5 * 10) / (1 + 2) = 1.667
 * palmaRatio([0, 0, 0, 0, 10]); // null
 * ```
 */
export function palmaRatio(values: readonly number[]): number | null {
  checkValues('palmaRatio', values, { nonNegative: true });
  const n = values.length;
  const sorted = sortAscending(values);
  // n / 10 and (4 n) / 10 rather than 0.1 n and 0.4 n: 0.4 * 15 is 6.000000000000001.
  const top = topSum(sorted, n / 10);
  const bottom = bottomSum(sorted, (4 * n) / 10);
  if (bottom === 0) return top === 0 ? 0.25 : null;
  return top / bottom;
}
