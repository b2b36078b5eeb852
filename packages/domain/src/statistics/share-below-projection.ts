import { DivideInputError } from './divide-input-error.js';
import { checkYear } from './check-values.js';
import { olsInference } from './ols-inference.js';

/**
 * The share of villages below the threshold that a projection aims at: 1 %. A logit trend never
 * reaches 0 (that is why it is used: a straight line on the share crosses 0 and then goes
 * negative), so the projection says when the share falls below a small level instead; 1 % is the
 * smallest share a regency's figure can tell from none (a regency has about 160 villages) and the
 * level at which "almost no village is lagging" is a fair reading.
 */
export const SHARE_BELOW_PROJECTION_LEVEL = 0.01;

/** One year's count of villages below the threshold, out of the villages with a value. */
export interface BelowCount {
  year: number;
  below: number;
  n: number;
}

/** Result of {@link shareBelowProjection}. */
export type ShareBelowProjection =
  | {
      /** The last year's share is already below `level`: no year to project. */
      kind: 'already-below';
      level: number;
      lastYear: number;
      lastShare: number;
    }
  | {
      /** The logit trend falls: the share reaches `level` in (fractional) `year`. */
      kind: 'reaches-level';
      level: number;
      year: number;
      lastYear: number;
      lastShare: number;
      /** The OLS slope of the empirical logit on the year, and its two-sided p-value. */
      logitSlope: number;
      pValue: number | null;
    }
  | {
      /** The logit trend is flat or rising: the share is not heading for `level`. */
      kind: 'not-falling';
      level: number;
      lastYear: number;
      lastShare: number;
      logitSlope: number;
      pValue: number | null;
    };

/** The empirical logit ln((k + 1/2) / (n - k + 1/2)): finite for k = 0 and k = n (Cox 1970). */
export function empiricalLogit(below: number, n: number): number {
  return Math.log((below + 0.5) / (n - below + 0.5));
}

/**
 * When the share of villages below the threshold falls below `level` (default
 * {@link SHARE_BELOW_PROJECTION_LEVEL}), on a trend that cannot cross zero: the empirical logit
 * z_t = ln((k_t + 1/2) / (n_t - k_t + 1/2)) of each year's k_t villages below out of n_t (the
 * half is the continuity correction that keeps a year with no village below finite) is fitted
 * by OLS on the year, z_t = a + b t. The projection starts from the last observed year's logit
 * and moves at the fitted slope b: year = T + (logit(level) - z_T) / b. Starting from the last
 * observation (not the fitted line) means the year is never before the last observed year while
 * the last share is still at or above `level`.
 *
 * `'already-below'` when the last year's share k_T / n_T is below `level`; `'not-falling'` when
 * b >= 0. The points are the fitted years in any order; needs two distinct years with n > 0 and
 * 0 <= below <= n. Errors are {@link DivideInputError}: `shareBelowProjection: duplicate year 2021`.
 *
 * @example
 * ```ts
 * shareBelowProjection([
 *   { year: 2021, below: 40, n: 200 },
 *   { year: 2022, below: 30, n: 200 },
 *   { year: 2023, below: 20, n: 200 },
 * ]); // { kind: 'reaches-level', year: 2029.1, logitSlope: -0.40, ... }
 * ```
 */
export function shareBelowProjection(
  points: readonly BelowCount[],
  level = SHARE_BELOW_PROJECTION_LEVEL,
): ShareBelowProjection {
  const fn = 'shareBelowProjection';
  if (!(level > 0 && level < 1)) {
    throw new DivideInputError(fn, `level must be between 0 and 1, got ${level}`);
  }
  const sorted = [...points].sort((a, b) => a.year - b.year);
  sorted.forEach((p, i) => {
    checkYear(fn, p.year);
    if (i > 0 && sorted[i - 1]?.year === p.year) {
      throw new DivideInputError(fn, `duplicate year ${p.year}`);
    }
    if (!(p.n > 0 && p.below >= 0 && p.below <= p.n)) {
      throw new DivideInputError(fn, `year ${p.year}: ${p.below} below out of ${p.n} villages`);
    }
  });
  if (sorted.length < 2) {
    throw new DivideInputError(fn, `needs at least two years, got ${sorted.length}`);
  }
  const last = sorted[sorted.length - 1] as BelowCount;
  const lastShare = last.below / last.n;
  const base = { level, lastYear: last.year, lastShare };
  if (lastShare < level) return { kind: 'already-below', ...base };
  const fit = olsInference(
    sorted.map((p) => p.year),
    sorted.map((p) => empiricalLogit(p.below, p.n)),
  );
  const trend = { logitSlope: fit.slope, pValue: fit.pValue };
  if (!(fit.slope < 0)) return { kind: 'not-falling', ...base, ...trend };
  const target = Math.log(level / (1 - level));
  const year = last.year + (target - empiricalLogit(last.below, last.n)) / fit.slope;
  return { kind: 'reaches-level', ...base, year, ...trend };
}
