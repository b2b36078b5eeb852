import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import {
  betaConvergence,
  olsInference,
  IndexMeasure,
  KindFilter,
  RegionCode,
  type BetaConvergence,
  type RegionLevel,
  type SlopeInference,
} from '@pandu/domain';
import type { Database } from '../schema/database.js';
import { DEFAULT_MEASURE, kindFilter, measureColumn, regionScope } from '../sql/index.js';
import { assertRegionExists } from './assert-region-exists.js';
import { parseQueryInput } from './parse-query-input.js';
import {
  completeCoverageOf,
  scopeYearCoverage,
  type CoverageOptions,
  type YearCoverage,
} from './year-coverage.js';

/**
 * Input of {@link childConvergence}: the region whose children are fitted (`code`; the provinces
 * when absent), the measure (default `skills_index`) and which villages by kind (default all).
 *
 * @example
 * ```ts
 * ChildConvergenceInput.parse({ code: '35', measure: 'digital_skills' });
 * ```
 */
export const ChildConvergenceInput = z.object({
  code: RegionCode.optional(),
  measure: IndexMeasure.optional(),
  kind: KindFilter.optional(),
  /** Let a partial year be an end (default false: the ends are the first and last complete years). */
  includePartial: z.boolean().optional(),
});
export type ChildConvergenceInput = z.input<typeof ChildConvergenceInput>;

/** A child region's mean in the first year and the last, and its annual log growth between. */
export interface ChildGrowth {
  code: string;
  name: string;
  level: RegionLevel;
  initial: number;
  final: number;
  /** ln(final / initial) / (lastYear - firstYear). */
  growth: number;
}

/** Beta convergence of a region's children (or the provinces), each child one point. */
export interface ChildConvergence {
  measure: IndexMeasure;
  /**
   * The dataset's first and last complete years of the measure (every year with `includePartial`);
   * null when it has none.
   */
  firstYear: number | null;
  lastYear: number | null;
  /** The dataset's years with the share of all villages that have the measure. */
  coverage: YearCoverage[];
  /** Partial years that were not taken as an end (empty with `includePartial`). */
  partialExcluded: number[];
  /** Children with a positive mean in both years, ordered by code. */
  children: ChildGrowth[];
  /**
   * Children left out of the fit: no value in one of the two years, or a value of 0 (log growth is
   * undefined there). Counted rather than dropped silently.
   */
  excluded: number;
  /**
   * The domain's betaConvergence over `children`, with the slope's classical standard error, t,
   * p-value and 95 % interval (null with two children); null when undefined (fewer than two, all
   * equal).
   */
  fit: ChildFit | null;
}

/** The children's beta fit and how sure its slope is. */
export type ChildFit = BetaConvergence & Omit<SlopeInference, 'n' | 'slope'>;

/** One child region's means in the first and the last year, as the query returns them. */
export interface ChildEnds {
  code: string;
  name: string;
  level: RegionLevel;
  initial: number | null;
  final: number | null;
}

/**
 * Beta convergence of child regions: do the regencies (or provinces, districts) that started lower
 * improve faster? Each child's mean of the measure over its villages (of the kind) in the
 * dataset's first and last complete years (partial ones only with `includePartial`), paired in DuckDB; the fit is the domain's `betaConvergence`
 * over them. The villages' own beta convergence is `convergence`'s; this is the chart of the
 * children beside it. A village has no children: its result lists none.
 *
 * @example
 * ```ts
 * const c = await childConvergence(db, { code: '35' });
 * c.children[0]; // { code: '35.01', name: 'Kabupaten Pacitan', initial: 3.21, final: 3.46, ... }
 * c.fit?.slope; // -0.03: the regencies that started lower grew faster
 * ```
 */
export async function childConvergence(
  db: Kysely<Database>,
  input: ChildConvergenceInput = {},
  options?: CoverageOptions,
): Promise<ChildConvergence> {
  // Inputs are checked before the database is asked anything.
  // The code first, so a malformed one throws the domain's InvalidRegionCodeError.
  const scope = regionScope(input.code);
  const parsed = parseQueryInput(ChildConvergenceInput, input);
  const measure = parsed.measure ?? DEFAULT_MEASURE;
  const m = measureColumn(measure);
  const kind = kindFilter(parsed.kind);
  const threshold = completeCoverageOf(options);
  await assertRegionExists(db, scope);

  // The dataset's complete years, as the dashboard's default year has them: the same two ends
  // for every region and filter, so the children's chart spans what the page's captions say. A
  // year few villages have (one village imported for 2027) is no end: its "growth" would be a
  // handful of villages' values, and every other child would drop out as missing.
  const coverage = await scopeYearCoverage(db, regionScope(undefined), sql`true`, m, threshold);
  const ends = parsed.includePartial ? coverage : coverage.filter((c) => c.complete);
  const partialExcluded = parsed.includePartial
    ? []
    : coverage.filter((c) => !c.complete).map((c) => c.year);
  const firstYear = ends[0]?.year ?? null;
  const lastYear = ends.at(-1)?.year ?? null;
  const child = scope.childColumn;
  if (firstYear === null || lastYear === null || !child) {
    return {
      measure,
      firstYear,
      lastYear,
      coverage,
      partialExcluded,
      children: [],
      excluded: 0,
      fit: null,
    };
  }
  const children =
    scope.code === undefined ? sql`r.level = 'province'` : sql`r.parent_code = ${scope.code}`;
  const means = await sql<ChildEnds>`
    with means as (
      select ${sql.ref(child)} as code,
        avg(${m}) filter (where year = ${firstYear}) as initial,
        avg(${m}) filter (where year = ${lastYear}) as final
      from village_index
      where ${scope.where} and ${kind} and year in (${firstYear}, ${lastYear})
      group by 1
    )
    select r.code, r.name, r.level, means.initial as "initial", means.final as "final"
    from regions r left join means on means.code = r.code
    where ${children}
    order by r.code`.execute(db);
  const { children: grown, excluded } = childGrowth(means.rows, firstYear, lastYear);
  return {
    measure,
    firstYear,
    lastYear,
    coverage,
    partialExcluded,
    children: grown,
    excluded,
    fit: fitChildren(grown, firstYear, lastYear),
  };
}

/**
 * Each child's annualised log growth from `initial` to `final`; children without a positive value
 * in both years are counted in `excluded`. Not exported from the package.
 */
export function childGrowth(
  ends: readonly ChildEnds[],
  firstYear: number,
  lastYear: number,
): { children: ChildGrowth[]; excluded: number } {
  if (lastYear <= firstYear) return { children: [], excluded: ends.length };
  const span = lastYear - firstYear;
  const children: ChildGrowth[] = [];
  for (const { code, name, level, initial, final } of ends) {
    if (initial === null || final === null || !(initial > 0) || !(final > 0)) continue;
    children.push({ code, name, level, initial, final, growth: Math.log(final / initial) / span });
  }
  return { children, excluded: ends.length - children.length };
}

/**
 * The domain's beta convergence over the children, or null where it is undefined: fewer than two
 * children, or every child starting at the same level. Not exported from the package.
 */
export function fitChildren(
  children: readonly ChildGrowth[],
  firstYear: number,
  lastYear: number,
): ChildFit | null {
  if (lastYear <= firstYear || children.length < 2) return null;
  if (new Set(children.map((c) => c.initial)).size < 2) return null;
  const fit = betaConvergence(
    children.map((c) => c.initial),
    children.map((c) => c.final),
    lastYear - firstYear,
  );
  const { df, slopeSe, t, pValue, ciLow, ciHigh } = olsInference(
    children.map((c) => Math.log(c.initial)),
    children.map((c) => c.growth),
  );
  return { ...fit, df, slopeSe, t, pValue, ciLow, ciHigh };
}
