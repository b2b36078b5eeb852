import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import { IndexMeasure, KindFilter, RegionCode } from '@pandu/domain';
import type { Database } from '../schema/database.js';
import { assertRegionExists } from './assert-region-exists.js';
import { kindFilter, measureColumn, regionScope } from '../sql/index.js';
import { parseQueryInput } from './parse-query-input.js';
import { completeCoverageOf, scopeYearCoverage, type CoverageOptions } from './year-coverage.js';

/**
 * Input of {@link timeseries}: the region (`code`, the nation when absent), the measure (default
 * `skills_index`) and which villages by kind (default all).
 *
 * @example
 * ```ts
 * TimeseriesInput.parse({ code: '35.05', measure: 'digital_skills' });
 * ```
 */
export const TimeseriesInput = z.object({
  code: RegionCode.optional(),
  measure: IndexMeasure.optional(),
  kind: KindFilter.optional(),
});
export type TimeseriesInput = z.input<typeof TimeseriesInput>;

/** One year of a region's distribution over its villages. Quantiles interpolate linearly (DuckDB `quantile_cont`). */
export interface TimeseriesPoint {
  year: number;
  n: number;
  mean: number;
  p10: number;
  p50: number;
  p90: number;
  /**
   * `n` as a share of the region's villages (of the kind): a year few villages have (a first
   * import of a new year) is partial, and its figures are not the region's.
   */
  coverage: number;
  /**
   * The year is complete here: `coverage`, or the whole dataset's share, reaches the threshold
   * (`completeCoverage`, default 0.9). See `yearCoverage`.
   */
  complete: boolean;
}

/**
 * Per year: the mean and the 10th, 50th and 90th percentile of a measure over the region's
 * villages, how many villages have a value and their share of the region's villages (`coverage`,
 * `complete`: a partial year is reported, marked, not dropped). Years without any value are left
 * out.
 *
 * @example
 * ```ts
 * const series = await timeseries(db, { code: '35.05', measure: 'digital_skills' });
 * series[0]; // { year: 2020, n: 248, mean: 3.31, p10: 2.9, p50: 3.3, p90: 3.7, coverage: 1, complete: true }
 * ```
 */
export async function timeseries(
  db: Kysely<Database>,
  input: TimeseriesInput,
  options?: CoverageOptions,
): Promise<TimeseriesPoint[]> {
  // Inputs are checked before the database is asked anything.
  // The code first, so a malformed one throws the domain's InvalidRegionCodeError.
  const scope = regionScope(input.code);
  const parsed = parseQueryInput(TimeseriesInput, input);
  const m = measureColumn(parsed.measure);
  const kind = kindFilter(parsed.kind);
  const threshold = completeCoverageOf(options);
  await assertRegionExists(db, scope);
  const [result, coverage] = await Promise.all([
    sql<Omit<TimeseriesPoint, 'coverage' | 'complete'>>`
      select year::integer as "year", count(${m})::integer as "n", avg(${m}) as "mean",
        quantile_cont(${m}, 0.1) as "p10", quantile_cont(${m}, 0.5) as "p50",
        quantile_cont(${m}, 0.9) as "p90"
      from village_index
      where ${scope.where} and ${kind} and ${m} is not null
      group by year
      order by year`.execute(db),
    scopeYearCoverage(db, scope, kind, m, threshold),
  ]);
  const byYear = new Map(coverage.map((c) => [c.year, c]));
  return result.rows.map((point) => {
    const c = byYear.get(point.year);
    return { ...point, coverage: c?.share ?? 0, complete: c?.complete ?? false };
  });
}
