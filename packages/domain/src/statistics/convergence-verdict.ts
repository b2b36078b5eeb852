/**
 * The fewest villages a scope needs before Pandu calls its divide converging or diverging. With
 * fewer, each year's CV and Gini (and the beta regression) rest on a handful of values: one
 * village's jump moves them, and the normal approximation behind a t-test of their trend is
 * not yet trustworthy. 30 is the conventional rule of thumb for that approximation (the central
 * limit theorem's "n >= 30"); on the Kemendagri hierarchy it separates most districts
 * (kecamatan, a median of about 10 villages) from every regency (about 160), so a district's
 * verdict says "too few villages" instead of reading a direction into noise.
 */
export const CONVERGENCE_MIN_VILLAGES = 30;

/** The significance level of a convergence verdict: a two-sided test of the slope at 5 %. */
export const CONVERGENCE_SIGNIFICANCE = 0.05;

/** What a convergence answer concludes, in the order a reader needs it. */
export const CONVERGENCE_VERDICTS = [
  'converging',
  'diverging',
  'no-clear-trend',
  'too-few-villages',
] as const;
export type ConvergenceVerdict = (typeof CONVERGENCE_VERDICTS)[number];

/** A slope and its two-sided p-value (null when it cannot be tested, e.g. two points). */
export interface SlopeTest {
  slope: number;
  pValue: number | null;
}

/**
 * The verdict of one or more trends that must agree (sigma convergence: the CV's and the Gini's;
 * beta convergence: the one slope). `'too-few-villages'` when `villages` is below
 * {@link CONVERGENCE_MIN_VILLAGES}; `'converging'` when every slope is negative and significant
 * (p < {@link CONVERGENCE_SIGNIFICANCE}); `'diverging'` when every slope is positive and
 * significant; otherwise `'no-clear-trend'` (a slope that cannot be tested, p null, is no clear
 * trend either).
 *
 * @example
 * ```ts
 * convergenceVerdict([{ slope: -0.002, pValue: 0.01 }], 120); // 'converging'
 * convergenceVerdict([{ slope: -0.002, pValue: 0.92 }], 6); // 'too-few-villages'
 * ```
 */
export function convergenceVerdict(
  tests: readonly SlopeTest[],
  villages: number,
): ConvergenceVerdict {
  if (!(villages >= CONVERGENCE_MIN_VILLAGES)) return 'too-few-villages';
  if (tests.length === 0) return 'no-clear-trend';
  const significant = tests.every((s) => s.pValue !== null && s.pValue < CONVERGENCE_SIGNIFICANCE);
  if (!significant) return 'no-clear-trend';
  if (tests.every((s) => s.slope < 0)) return 'converging';
  if (tests.every((s) => s.slope > 0)) return 'diverging';
  return 'no-clear-trend';
}
