import { DivideInputError } from './divide-input-error.js';
import { checkYear } from './check-values.js';
import { fitLine } from './linear-trend.js';

/** A yearly series: a list of `{ year, value }` or a record from year to value. */
export type YearValueSeries =
  ReadonlyArray<{ year: number; value: number }> | Readonly<Record<number | string, number>>;

/**
 * The (fractional) year at which the straight-line trend of a yearly series reaches `target`:
 * fit value = intercept + slope year by OLS ({@link linearTrend}) and solve for `target`. Used to
 * project, for instance, when the share of villages below "sufficient" would reach 0.
 *
 * Returns **null** when the trend is flat, or when the line reaches the target only before the
 * first observed year (it is heading away from the target over the whole series). A year at or
 * before the last observation means the trend line has already reached the target. The projection
 * is only as good as the straight line: read it with the trend's r2.
 *
 * Needs two or more distinct years; values and years must be finite. Errors are
 * {@link DivideInputError}: `yearReaching: duplicate year 2021`.
 *
 * @example
 * ```ts
 * yearReaching({ 2021: 0.4, 2022: 0.3, 2023: 0.2 }, 0); // 2025
 * yearReaching({ 2021: 0.2, 2022: 0.3 }, 0); // null: moving away from 0
 * ```
 */
export function yearReaching(series: YearValueSeries, target: number): number | null {
  const fn = 'yearReaching';
  if (!Number.isFinite(target))
    throw new DivideInputError(fn, `target must be a finite number, got ${target}`);
  const points = Array.isArray(series)
    ? (series as ReadonlyArray<{ year: number; value: number }>).map((p) => ({
        year: checkYear(fn, p.year),
        value: p.value,
      }))
    : Object.entries(series as Readonly<Record<string, number>>).map(([year, value]) => ({
        year: checkYear(fn, year),
        value,
      }));
  const seen = new Set<number>();
  for (const p of points) {
    if (seen.has(p.year)) throw new DivideInputError(fn, `duplicate year ${p.year}`);
    seen.add(p.year);
  }
  const years = points.map((p) => p.year);
  const values = points.map((p) => p.value);
  const { slope, intercept } = fitLine(fn, years, values, 'year');
  if (slope === 0) return null;
  // Solve around the mean year, not from the intercept at year 0, to keep precision.
  const meanYear = years.reduce((a, b) => a + b, 0) / years.length;
  const reached = meanYear + (target - (intercept + slope * meanYear)) / slope;
  const firstYear = Math.min(...years);
  return reached < firstYear ? null : reached;
}
