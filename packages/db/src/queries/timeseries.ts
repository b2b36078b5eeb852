import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import { IndexMeasure, KindFilter, RegionCode } from '@pandu/domain';
import type { Database } from '../schema/database.js';
import { assertRegionExists } from './assert-region-exists.js';
import { kindFilter, measureColumn, regionScope } from '../sql/index.js';
import { parseQueryInput } from './parse-query-input.js';

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
}

/**
 * Per year: the mean and the 10th, 50th and 90th percentile of a measure over the region's
 * villages, and how many villages have a value. Years without any value are left out.
 *
 * @example
 * ```ts
 * const series = await timeseries(db, { code: '35.05', measure: 'digital_skills' });
 * series[0]; // { year: 2020, n: 248, mean: 3.31, p10: 2.9, p50: 3.3, p90: 3.7 }
 * ```
 */
export async function timeseries(
  db: Kysely<Database>,
  input: TimeseriesInput,
): Promise<TimeseriesPoint[]> {
  // Inputs are checked before the database is asked anything.
  // The code first, so a malformed one throws the domain's InvalidRegionCodeError.
  const scope = regionScope(input.code);
  const parsed = parseQueryInput(TimeseriesInput, input);
  const m = measureColumn(parsed.measure);
  const kind = kindFilter(parsed.kind);
  await assertRegionExists(db, scope);
  const result = await sql<TimeseriesPoint>`
    select year::integer as "year", count(${m})::integer as "n", avg(${m}) as "mean",
      quantile_cont(${m}, 0.1) as "p10", quantile_cont(${m}, 0.5) as "p50",
      quantile_cont(${m}, 0.9) as "p90"
    from village_index
    where ${scope.where} and ${kind} and ${m} is not null
    group by year
    order by year`.execute(db);
  return result.rows;
}
