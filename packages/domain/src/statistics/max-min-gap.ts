import { checkValues } from './check-values.js';
import type { Gap } from './quintile-gap.js';

/**
 * Highest value against lowest: the divide as BPS reports it for IP-TIK (the gap between the best
 * and the worst province: 4.42 in 2022, 4.29 in 2023). `top` is the maximum, `bottom` the minimum,
 * `difference` max - min, `ratio` max / min (null when min <= 0).
 *
 * Sensitive to one outlier by construction; report it beside {@link quintileGap} or {@link gini}.
 * Any finite values; empty input or a non-finite value throws {@link DivideInputError}.
 *
 * @example
 * ```ts
 * maxMinGap([7.88, 7.36, 5.36, 3.56]).difference; // 4.32 (IP-TIK 2024: DKI Jakarta vs Papua)
 * ```
 */
export function maxMinGap(values: readonly number[]): Gap {
  checkValues('maxMinGap', values);
  let top = -Infinity;
  let bottom = Infinity;
  // A loop, not Math.max(...values): spreading 80,000 villages overflows the call stack.
  for (const v of values) {
    if (v > top) top = v;
    if (v < bottom) bottom = v;
  }
  return { top, bottom, difference: top - bottom, ratio: bottom > 0 ? top / bottom : null };
}
