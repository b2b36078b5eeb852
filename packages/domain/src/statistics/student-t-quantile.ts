// Two-sided 95% critical values t(0.975, df) for df = 1..30, from the standard tables (to 3
// decimals). Beyond 30 the Cornish-Fisher expansion below is accurate to better than 1e-4.
const TABLE_975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145,
  2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048,
  2.045, 2.042,
];

/** The standard normal 0.975 quantile. */
const Z_975 = 1.959963984540054;

/**
 * The 0.975 quantile of Student's t with `df` degrees of freedom: the multiplier of a standard
 * error for a two-sided 95% confidence interval. `df` may be fractional (Satterthwaite): below 30
 * it is interpolated in 1/df between table values, above by the Cornish-Fisher expansion around
 * the normal quantile; `Infinity` gives 1.96. No dependency on a statistics library for one number.
 *
 * @example
 * ```ts
 * studentTQuantile975(5); // 2.571
 * studentTQuantile975(1000); // 1.962
 * ```
 */
export function studentTQuantile975(df: number): number {
  if (Number.isNaN(df) || df <= 0)
    throw new RangeError(`degrees of freedom must be > 0, got ${df}`);
  if (df === Infinity) return Z_975;
  if (df >= 30) {
    const z = Z_975;
    const z3 = z ** 3;
    const z5 = z ** 5;
    const z7 = z ** 7;
    return (
      z +
      (z3 + z) / (4 * df) +
      (5 * z5 + 16 * z3 + 3 * z) / (96 * df ** 2) +
      (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df ** 3)
    );
  }
  if (df <= 1) return TABLE_975[0] as number;
  const lo = Math.floor(df);
  const hi = Math.ceil(df);
  const tLo = TABLE_975[lo - 1] as number;
  if (lo === hi) return tLo;
  const tHi = TABLE_975[hi - 1] as number;
  // t is close to linear in 1/df.
  const w = (1 / lo - 1 / df) / (1 / lo - 1 / hi);
  return tLo + w * (tHi - tLo);
}
