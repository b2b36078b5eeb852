// Internal to statistics/. The Palma ratio and the quintile gap both need "the sum of the smallest
// (or largest) k observations" where k = n/10, 4n/10 or n/5 is rarely a whole number. Rounding k
// would make the measure jump as one village is added; instead the observation that straddles the
// cut counts in part (k = 2.4 takes the two smallest in full and 0.4 of the third). The groups are
// then exactly the stated share of the population for any n, and equal values give the equality
// result (Palma 0.25, quintile gap 0) whatever n is.

/** A sorted copy, smallest first; the caller's array is never reordered. */
export function sortAscending(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

/** Sum of the `k` smallest values of an ascending array, the straddling one counted in part. */
export function bottomSum(sorted: readonly number[], k: number): number {
  const whole = Math.floor(k);
  let sum = 0;
  for (let i = 0; i < whole && i < sorted.length; i++) sum += sorted[i] ?? 0;
  const part = k - whole;
  if (part > 0) sum += part * (sorted[whole] ?? 0);
  return sum;
}

/** Sum of the `k` largest values of an ascending array, the straddling one counted in part. */
export function topSum(sorted: readonly number[], k: number): number {
  const n = sorted.length;
  const whole = Math.floor(k);
  let sum = 0;
  for (let i = 0; i < whole && i < n; i++) sum += sorted[n - 1 - i] ?? 0;
  const part = k - whole;
  if (part > 0) sum += part * (sorted[n - 1 - whole] ?? 0);
  return sum;
}
