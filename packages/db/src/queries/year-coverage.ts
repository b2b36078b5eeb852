import { sql, type Kysely, type RawBuilder } from 'kysely';
import { z } from 'zod';
import { IndexMeasure, KindFilter, RegionCode } from '@pandu/domain';
import type { Database } from '../schema/database.js';
import { DEFAULT_MEASURE, kindFilter, measureColumn, regionScope } from '../sql/index.js';
import type { RegionScope } from '../sql/index.js';
import { assertRegionExists } from './assert-region-exists.js';
import { parseQueryInput } from './parse-query-input.js';
import { QueryInputError } from './query-input-error.js';

/**
 * The share of villages a year must cover to be complete (the default of `completeCoverage`): the
 * default year is the latest such. A year below it (one value imported for 2027, a survey still
 * coming in) stays selectable, marked partial, and is left out of trends unless asked for.
 */
export const COMPLETE_YEAR_COVERAGE = 0.9;

/** How much of a year the data cover, for one measure in one scope. */
export interface YearCoverage {
  year: number;
  /** Villages with a value of the measure that year. */
  villages: number;
  /** Their share of the scope's villages (of the kind) the database holds (0 to 1). */
  share: number;
  /** `share` >= the completeness threshold (`completeCoverage`); a year that is not is partial. */
  complete: boolean;
}

/** Options of the queries that tell complete years from partial ones. */
export interface CoverageOptions {
  /**
   * The share of villages (0 to 1] a year needs to be complete; default
   * {@link COMPLETE_YEAR_COVERAGE}. The API takes it from its configuration.
   */
  completeCoverage?: number | undefined;
}

/** The threshold of `options`, checked: a share in (0, 1]. */
export function completeCoverageOf(options: CoverageOptions | undefined): number {
  const value = options?.completeCoverage ?? COMPLETE_YEAR_COVERAGE;
  if (!(value > 0 && value <= 1)) {
    throw new QueryInputError(
      'completeCoverage',
      `invalid completeCoverage: ${value}; expected a share in (0, 1]`,
    );
  }
  return value;
}

/**
 * Input of {@link yearCoverage}: the region (`code`, the nation when absent), the measure (default
 * `skills_index`) and which villages by kind (default all).
 *
 * @example
 * ```ts
 * YearCoverageInput.parse({ code: '35', measure: 'access_index' });
 * ```
 */
export const YearCoverageInput = z.object({
  code: RegionCode.optional(),
  measure: IndexMeasure.optional(),
  kind: KindFilter.optional(),
});
export type YearCoverageInput = z.input<typeof YearCoverageInput>;

/**
 * Each year's coverage of a measure in a scope: how many of the scope's villages (of the kind)
 * have a value, and whether the year counts as complete there (the scope's share reaches
 * `completeCoverage`, or the whole dataset's does). Every year of the dataset is listed. The
 * reference the other queries' `coverage` fields are checked against.
 *
 * @example
 * ```ts
 * const years = await yearCoverage(db, { code: '35', measure: 'skills_index' });
 * years.at(-1); // { year: 2027, villages: 1, share: 0.00012, complete: false }
 * latestCompleteYear(years); // 2025
 * ```
 */
export async function yearCoverage(
  db: Kysely<Database>,
  input: YearCoverageInput = {},
  options?: CoverageOptions,
): Promise<YearCoverage[]> {
  // The code first, so a malformed one throws the domain's InvalidRegionCodeError.
  const scope = regionScope(input.code);
  const parsed = parseQueryInput(YearCoverageInput, input);
  const threshold = completeCoverageOf(options);
  await assertRegionExists(db, scope);
  return scopeYearCoverage(
    db,
    scope,
    kindFilter(parsed.kind),
    measureColumn(parsed.measure ?? DEFAULT_MEASURE),
    threshold,
  );
}

/**
 * {@link yearCoverage} for a scope and filters already checked, with `value` the SQL whose non-null
 * rows count (a measure's column, or `case when a and b then 1 end` for two at once). Every year of
 * the dataset is listed, with 0 villages where the scope has none.
 *
 * The denominator is `regions`, not `village_index`: a village without any row in a year (a new
 * year's first import) is missing from that year, not absent from the count. A year is complete
 * in the scope when the scope's share reaches the threshold, or the dataset's does: a regency
 * that imported all its villages for 2027 is complete there, and a district of eight villages
 * with one value missing in a complete year is not marked partial for it (small scopes would
 * otherwise turn ordinary gaps into partial years). Not exported from the package.
 */
export async function scopeYearCoverage(
  db: Kysely<Database>,
  scope: RegionScope,
  kind: RawBuilder<boolean>,
  value: RawBuilder<unknown>,
  threshold: number,
): Promise<YearCoverage[]> {
  const result = await sql<{
    year: number;
    villages: number;
    total: number;
    datasetVillages: number;
    datasetTotal: number;
  }>`
    select year::integer as "year",
      count(${value}) filter (where ${scope.where} and ${kind})::integer as "villages",
      (select count(*) from regions where ${scope.villagesWhere} and ${kind})::integer as "total",
      count(${value})::integer as "datasetVillages",
      (select count(*) from regions where level = 'village')::integer as "datasetTotal"
    from village_index
    group by year
    order by year`.execute(db);
  return result.rows.map((r) => {
    const own = coverageOf(r.year, r.villages, r.total, threshold);
    const dataset = coverageOf(r.year, r.datasetVillages, r.datasetTotal, threshold);
    return { ...own, complete: own.complete || (r.villages > 0 && dataset.complete) };
  });
}

/** One year's coverage from its counts. */
export function coverageOf(
  year: number,
  villages: number,
  total: number,
  threshold: number,
): YearCoverage {
  const share = total > 0 ? villages / total : 0;
  return { year, villages, share, complete: total > 0 && share >= threshold };
}

/**
 * The latest complete year of a coverage list, or null when none is complete.
 *
 * @example
 * ```ts
 * latestCompleteYear([{ year: 2025, villages: 9, share: 0.9, complete: true },
 *   { year: 2027, villages: 1, share: 0.1, complete: false }]); // 2025
 * ```
 */
export function latestCompleteYear(coverage: readonly YearCoverage[]): number | null {
  return coverage.filter((c) => c.complete).at(-1)?.year ?? null;
}
