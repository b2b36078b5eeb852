import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import { FigureWeight, IndexMeasure, KindFilter, RegionCode } from '@pandu/domain';
import type { Database } from '../schema/database.js';
import { assertRegionExists } from './assert-region-exists.js';
import { kindFilter, measureColumn, regionScope } from '../sql/index.js';
import { parseQueryInput } from './parse-query-input.js';
import { completeCoverageOf, scopeYearCoverage, type CoverageOptions } from './year-coverage.js';
import { peopleWeightEffective, type PeopleWeighting } from './people-weights.js';

/**
 * Input of {@link timeseries}: the region (`code`, the nation when absent), the measure (default
 * `skills_index`), which villages by kind (default all) and how villages are weighted (`weight`,
 * default `village`).
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
  weight: FigureWeight.optional(),
});
export type TimeseriesInput = z.input<typeof TimeseriesInput>;

/**
 * One year of a region's distribution over its villages. Quantiles interpolate linearly (DuckDB
 * `quantile_cont`). Asked with `weight: 'people'` (`weight`, `weightEffective` on every point;
 * absent for village weights) and effective (a province or the nation), the mean is weighted by
 * people and the quantiles are the domain's `weightedQuantile` (the inverse of the weighted
 * distribution: no interpolation); `n` and `coverage` still count villages.
 */
export interface TimeseriesPoint extends Partial<PeopleWeighting> {
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
  const people = parsed.weight === 'people';
  const effective = people && peopleWeightEffective(scope.level);
  // Each village's people weight in its year: its regency's population over the regency's villages
  // with a value that year. The quantile is the first value whose cumulative weight reaches p W
  // (less a relative 1e-12, as the domain's weightedQuantile, so rounding of the running sum
  // cannot move it).
  const quantile = (p: number) => sql`min(y) filter (where cum >= ${p} * total * (1 - 1e-12))`;
  const query = effective
    ? sql<Omit<TimeseriesPoint, 'coverage' | 'complete'>>`
      with v as (
        select year, ${m} as y,
          p.total::double / count(*) over (partition by year, regency_code) as w
        from village_index vi join region_population p on p.code = vi.regency_code
        where ${scope.where} and ${kind} and ${m} is not null
      ), g as (
        -- Villages of one value pooled first: values are rounded (2 decimals per pillar), so a year
        -- of 83,762 villages has a few hundred distinct ones, and the running sum below is over
        -- those (3-4 times faster nationally). Pooling ties changes no figure: the first value
        -- whose running weight reaches p W is the same, and sum(w y) is regrouped only.
        select year, y, sum(w) as w, count(*) as n from v group by year, y
      ), c as (
        select year, y, w, n,
          sum(w) over (partition by year order by y rows between unbounded preceding and current row) as cum,
          sum(w) over (partition by year) as total
        from g
      )
      select year::integer as "year", sum(n)::integer as "n", sum(w * y) / sum(w) as "mean",
        ${quantile(0.1)} as "p10", ${quantile(0.5)} as "p50", ${quantile(0.9)} as "p90"
      from c
      group by year
      order by year`
    : sql<Omit<TimeseriesPoint, 'coverage' | 'complete'>>`
      select year::integer as "year", count(${m})::integer as "n", avg(${m}) as "mean",
        quantile_cont(${m}, 0.1) as "p10", quantile_cont(${m}, 0.5) as "p50",
        quantile_cont(${m}, 0.9) as "p90"
      from village_index
      where ${scope.where} and ${kind} and ${m} is not null
      group by year
      order by year`;
  const [result, coverage] = await Promise.all([
    query.execute(db),
    scopeYearCoverage(db, scope, kind, m, threshold),
  ]);
  const byYear = new Map(coverage.map((c) => [c.year, c]));
  return result.rows.map((point) => {
    const c = byYear.get(point.year);
    const answer = { ...point, coverage: c?.share ?? 0, complete: c?.complete ?? false };
    return people ? { weight: 'people', weightEffective: effective, ...answer } : answer;
  });
}
