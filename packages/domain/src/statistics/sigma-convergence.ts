import { DivideInputError } from './divide-input-error.js';
import { checkValues, checkYear } from './check-values.js';
import { coefficientOfVariation } from './coefficient-of-variation.js';
import { gini } from './gini.js';
import { fitLine } from './linear-trend.js';

/** Values per year: a list of `{ year, values }` or a record from year to values. */
export type YearValuesSeries =
  | ReadonlyArray<{ year: number; values: readonly number[] }>
  | Readonly<Record<number | string, readonly number[]>>;

/** Dispersion in one year of a {@link SigmaConvergence}. */
export interface SigmaYear {
  year: number;
  n: number;
  mean: number;
  cv: number;
  gini: number;
}

/** Result of {@link sigmaConvergence}. */
export interface SigmaConvergence {
  /** One entry per year, in ascending year order. */
  years: SigmaYear[];
  /** OLS slopes of CV and Gini on the year (units per year). */
  trend: { cvSlopePerYear: number; giniSlopePerYear: number };
  /** True when both the CV and the Gini trend down. */
  converging: boolean;
}

/**
 * Sigma-convergence: is the dispersion across villages falling over time? For each year the
 * {@link coefficientOfVariation} and the {@link gini} of that year's values, then the OLS slope of
 * each on the year ({@link linearTrend}).
 *
 * `converging` is true only when **both** slopes are negative: if CV and Gini disagree the series
 * is not shown to converge. It is a direction, not a significance test; with two or three years a
 * small wobble decides it, so show the yearly figures beside it.
 *
 * Each year's values are taken as given: to compare like with like, pass the same villages every
 * year. Needs at least two distinct years; each year needs at least one value, all finite and
 * non-negative (the rules of {@link gini}). Errors are {@link DivideInputError} and name the year:
 * `sigmaConvergence: negative value -1 at index 3 in year 2022`.
 *
 * @example
 * ```ts
 * const s = sigmaConvergence({ 2021: [10, 50, 90], 2022: [30, 50, 70], 2023: [45, 50, 55] });
 * s.converging; // true
 * s.trend.cvSlopePerYear; // -0.286 a year (CV 0.653, 0.327, 0.082)
 * ```
 */
export function sigmaConvergence(series: YearValuesSeries): SigmaConvergence {
  const fn = 'sigmaConvergence';
  const list = (
    Array.isArray(series)
      ? (series as ReadonlyArray<{ year: number; values: readonly number[] }>).map((e) => ({
          year: checkYear(fn, e.year),
          values: e.values,
        }))
      : Object.entries(series as Readonly<Record<string, readonly number[]>>).map(
          ([year, values]) => ({ year: checkYear(fn, year), values }),
        )
  ).sort((a, b) => a.year - b.year);
  if (list.length < 2)
    throw new DivideInputError(fn, `needs at least two years, got ${list.length}`);
  list.forEach((e, i) => {
    if (i > 0 && list[i - 1]?.year === e.year)
      throw new DivideInputError(fn, `duplicate year ${e.year}`);
    checkValues(fn, e.values, { nonNegative: true, where: `in year ${e.year}` });
  });

  const years = list.map(({ year, values }) => {
    let sum = 0;
    for (const v of values) sum += v;
    return {
      year,
      n: values.length,
      mean: sum / values.length,
      cv: coefficientOfVariation(values),
      gini: gini(values),
    };
  });
  const x = years.map((y) => y.year);
  const cvSlopePerYear = fitLine(
    fn,
    x,
    years.map((y) => y.cv),
    'year',
  ).slope;
  const giniSlopePerYear = fitLine(
    fn,
    x,
    years.map((y) => y.gini),
    'year',
  ).slope;
  return {
    years,
    trend: { cvSlopePerYear, giniSlopePerYear },
    converging: cvSlopePerYear < 0 && giniSlopePerYear < 0,
  };
}
