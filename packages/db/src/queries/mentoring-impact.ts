import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import {
  IndexMeasure,
  RegionCode,
  Sector,
  studentTQuantile975,
  type DidEstimate,
  type RegionLevel,
} from '@pandu/domain';
import type { Database } from '../schema/database.js';
import { NoDataError } from '../errors.js';
import { assertRegionExists } from './assert-region-exists.js';
import { mentoringAttendance } from './mentoring-attendance.js';
import { DEFAULT_MEASURE, measureColumn, regionScope } from '../sql/index.js';
import { parseQueryInput } from './parse-query-input.js';

/**
 * Input of {@link mentoringImpact}: the region (`code`, the nation when absent; treated and
 * control villages both come from it), the `sector` (only villages whose first mentoring included
 * it count as treated) and the measure (default `skills_index`).
 *
 * @example
 * ```ts
 * MentoringImpactInput.parse({ code: '35', sector: 'umkm', measure: 'digital_skills' });
 * ```
 */
export const MentoringImpactInput = z.object({
  code: RegionCode.optional(),
  sector: Sector.optional(),
  measure: IndexMeasure.optional(),
});
export type MentoringImpactInput = z.input<typeof MentoringImpactInput>;

/**
 * The message of the NoDataError a scope without any comparison gets, on demand and stored alike.
 *
 * @example
 * ```ts
 * noImpactComparisonMessage('35.05.04', 'umkm', 'skills_index');
 * ```
 */
export function noImpactComparisonMessage(
  where: string,
  sector: Sector | undefined,
  measure: IndexMeasure,
): string {
  return (
    `no mentoring cohort in ${where}${sector ? ` (sector ${sector})` : ''} has ${measure} for ` +
    'a mentored village and two not-yet-mentored villages of its regency in consecutive years'
  );
}

/** An effect estimate with its uncertainty. */
/**
 * A difference-in-differences estimate of the effect of mentoring on a measure: the domain's
 * {@link DidEstimate} (`differenceInDifferences` defines it; this query computes the same in
 * DuckDB), where treated units are mentored villages and controls not-yet-mentored ones.
 */
export type ImpactEstimate = DidEstimate;

/** The estimate for the villages first mentored in one year. */
export interface CohortImpact extends ImpactEstimate {
  /** The year of first mentoring: the change is measured from `year` to `year + 1`. */
  year: number;
  /** Regencies with at least one treated and two control villages that year. */
  regencies: number;
}

/** Difference in differences of a measure between mentored and not-yet-mentored villages. */
export interface MentoringImpact extends ImpactEstimate {
  code: string | null;
  level: RegionLevel | 'nation';
  sector: Sector | null;
  measure: IndexMeasure;
  /** Villages whose first mentoring is in the scope's cohorts, compared or not (`nTreated` were). */
  treatedVillages: number;
  /** How the estimate and its interval are computed, in words. */
  method: string;
  cohorts: CohortImpact[];
}

interface Row {
  cohort: number | null;
  w: number;
  weighted_did: number;
  cells: number;
  n_control: number;
  v_satt: number;
  v_satt_df: number;
  v_single: number;
  v_clustered: number;
  treated_villages: number;
}

/**
 * Does mentoring move a measure? A difference in differences within regencies. For each cohort of
 * villages first mentored in year y (as venue or participant of any event that year, and, when
 * `sector` is given, with that sector among the year's events): the change of the measure from y
 * to y + 1, minus the mean change over the same two years of the villages of the same regency not
 * mentored by y + 1 (never mentored, or first mentored after y + 1; villages mentored earlier are
 * neither). Regency-cohort comparisons need at least one treated and two control villages; they
 * are pooled weighted by their treated counts. Mentoring is only compared with no mentoring: a
 * village first mentored in another sector that year is left out, not used as a control.
 *
 * Standard error from the influence function of the pooled estimator, clustered by village (a
 * control village's changes enter several cohorts), each group's squared residuals scaled by
 * n/(n-1); a lone treated village borrows its regency's control variance. The 95% interval uses
 * Student's t with Satterthwaite degrees of freedom. The year-to-year changes, the cells and the variance are
 * computed in DuckDB; only one row per cohort reaches JavaScript. The definition is the domain's
 * `differenceInDifferences` (villages grouped by regency), and a test holds the two equal.
 *
 * Throws the domain's `InvalidRegionCodeError`, `UnknownRegionError`, `QueryInputError` (an
 * unknown sector or measure), or {@link NoDataError} when no cohort has a comparison.
 *
 * @example
 * ```ts
 * const impact = await mentoringImpact(db, { sector: 'umkm', code: '35' });
 * impact.estimate; // 0.038 on the skills index (1-5)
 * impact.ci95; // [0.034, 0.041]
 * ```
 */
export async function mentoringImpact(
  db: Kysely<Database>,
  input: MentoringImpactInput = {},
): Promise<MentoringImpact> {
  // The code first, so a malformed one throws the domain's InvalidRegionCodeError.
  const scope = regionScope(input.code);
  const parsed = parseQueryInput(MentoringImpactInput, input);
  const sector = parsed.sector;
  const measure = parsed.measure ?? DEFAULT_MEASURE;
  const m = measureColumn(measure);
  await assertRegionExists(db, scope);

  // The candidate cohorts: every year with an event (in the sector). Known first, so the panel
  // can be pivoted to one row per village with a column per year, which is about twice as fast
  // nationally as pairing years by a self-join or a window.
  const eventYears = await sql<{ year: number }>`
    select distinct year(e.start_date)::integer as year from mentoring_events e
    ${
      sector === undefined
        ? sql``
        : sql`where exists (select 1 from mentoring_event_sectors s where s.event_id = e.id and s.sector = ${sector})`
    }
    order by year`.execute(db);
  const cohortYears = eventYears.rows.map((r) => r.year).filter((y) => Number.isInteger(y));
  const years = [...new Set(cohortYears.flatMap((y) => [y, y + 1]))];
  // Years are integers from the database, spliced as literals into column names and filters.
  const value = (y: number) => sql.ref(`v_${y}`);

  const result =
    cohortYears.length === 0
      ? { rows: [] as Row[] }
      : await sql<Row>`
    with attendance as (
      select a.village_code, a.event_id, year(e.start_date)::integer as year
      from ${mentoringAttendance()} a join mentoring_events e on e.id = a.event_id
    ), firsts as (
      select village_code, min(year) as first_year from attendance group by 1
    ), cohort_members as (
      select distinct f.village_code, f.first_year
      from firsts f
      join attendance a on a.village_code = f.village_code and a.year = f.first_year
      ${
        sector === undefined
          ? sql``
          : sql`join mentoring_event_sectors s on s.event_id = a.event_id and s.sector = ${sector}`
      }
    ), treated_villages as (
      select count(distinct village_code) as n from cohort_members
      where village_code in (select code from regions where ${scope.villagesWhere})
    ), pivoted as (
      select village_code, any_value(regency_code) as regency_code,
        ${sql.join(years.map((y) => sql`max(${m}) filter (where year = ${sql.lit(y)}) as ${value(y)}`))}
      from village_index
      where ${scope.where} and year in (${sql.join(years.map((y) => sql.lit(y)))})
      group by village_code
    ), villages as materialized (
      select p.*, f.first_year, t.first_year as treated_year
      from pivoted p
      left join firsts f on f.village_code = p.village_code
      left join cohort_members t on t.village_code = p.village_code
    ), roles as materialized (
      ${sql.join(
        cohortYears.map(
          (y) => sql`
      select village_code, regency_code, ${sql.lit(y)} as y,
        ${value(y + 1)} - ${value(y)} as d,
        case
          when treated_year = ${sql.lit(y)} then 'treated'
          when first_year is null or first_year > ${sql.lit(y + 1)} then 'control'
        end as role
      from villages
      where ${value(y + 1)} - ${value(y)} is not null`,
        ),
        sql` union all `,
      )}
    ), cells as materialized (
      select regency_code, y,
        count(*) filter (where role = 'treated') as nt,
        avg(d) filter (where role = 'treated') as mt,
        var_samp(d) filter (where role = 'treated') as vt,
        count(*) filter (where role = 'control') as nc,
        avg(d) filter (where role = 'control') as mc,
        var_samp(d) filter (where role = 'control') as vc
      from roles where role is not null
      group by regency_code, y
      having count(*) filter (where role = 'treated') >= 1
        and count(*) filter (where role = 'control') >= 2
    ), scaled as materialized (
      -- z = W x (the village's term of the influence function) in its cell.
      select r.village_code, r.y, r.role,
        case when r.role = 'treated'
          then case when c.nt > 1 then (r.d - c.mt) * sqrt(c.nt / (c.nt - 1)) else 0 end
          else -(c.nt / c.nc) * (r.d - c.mc) * sqrt(c.nc / (c.nc - 1))
        end as z
      from roles r join cells c on c.regency_code = r.regency_code and c.y = r.y
      where r.role is not null
    ), components as (
      -- Satterthwaite: each cell's treated and control mean as a variance component
      -- (unscaled by W, which cancels), with n - 1 degrees of freedom.
      select y, nt * coalesce(vt, vc) as v, case when nt > 1 then nt - 1 else nc - 1 end as df
      from cells
      union all select y, nt * nt * vc / nc, nc - 1 from cells
    )
    select y as cohort,
      (select sum(nt) from cells c where c.y = k.y) as w,
      (select sum(nt * (mt - mc)) from cells c where c.y = k.y) as weighted_did,
      (select count(*) from cells c where c.y = k.y) as cells,
      (select count(distinct village_code) from scaled s where s.y = k.y and s.role = 'control') as n_control,
      (select sum(v) from components p where p.y = k.y) as v_satt,
      (select sum(v * v / df) from components p where p.y = k.y) as v_satt_df,
      (select coalesce(sum(vc), 0) from cells c where c.y = k.y and c.nt = 1) as v_single,
      (select sum(z * z) from scaled s where s.y = k.y) as v_clustered,
      (select n from treated_villages) as treated_villages
    from (select distinct y from cells) k
    union all
    select null,
      (select sum(nt) from cells),
      (select sum(nt * (mt - mc)) from cells),
      (select count(*) from cells),
      (select count(distinct village_code) from scaled where role = 'control'),
      (select sum(v) from components),
      (select sum(v * v / df) from components),
      (select coalesce(sum(vc), 0) from cells where nt = 1),
      (select sum(z * z) from (select sum(z) as z from scaled group by village_code)),
      (select n from treated_villages)
    order by cohort nulls last`.execute(db);

  const where = scope.code ?? 'the nation';
  const overall = result.rows.find((r) => r.cohort === null);
  if (!overall || !(Number(overall.w) > 0)) {
    throw new NoDataError(noImpactComparisonMessage(where, sector, measure));
  }
  const estimateOf = (r: Row): ImpactEstimate => {
    const w = Number(r.w);
    const estimate = Number(r.weighted_did) / w;
    const variance = (Number(r.v_clustered) + Number(r.v_single)) / (w * w);
    const standardError = Math.sqrt(variance);
    const vs = Number(r.v_satt_df);
    const degreesOfFreedom = vs > 0 ? Number(r.v_satt) ** 2 / vs : null;
    const half = studentTQuantile975(degreesOfFreedom ?? Infinity) * standardError;
    return {
      estimate,
      standardError,
      ci95: [estimate - half, estimate + half],
      degreesOfFreedom,
      nTreated: w,
      nControl: Number(r.n_control),
    };
  };

  return {
    code: scope.code ?? null,
    level: scope.level,
    sector: sector ?? null,
    measure,
    ...estimateOf(overall),
    treatedVillages: Number(overall.treated_villages),
    method:
      `Difference in differences within regencies: for each cohort of villages first mentored in ` +
      `year y${sector ? ` (in sector ${sector})` : ''}, the change of ${measure} from y to y+1 minus ` +
      'the mean change over the same years of villages in the same regency not mentored by y+1; ' +
      'regency-cohort comparisons (at least 1 treated and 2 control villages) pooled weighted by ' +
      'treated count. Standard error from the influence function, clustered by village; 95% ' +
      'interval from Student t with Satterthwaite degrees of freedom.',
    cohorts: result.rows
      .filter((r): r is Row & { cohort: number } => r.cohort !== null)
      .map((r) => ({ year: r.cohort, regencies: Number(r.cells), ...estimateOf(r) })),
  };
}
