import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import {
  EVENT_STUDY_BASE_OFFSET,
  EVENT_TIMES,
  HEADLINE_EVENT_TIME,
  IndexMeasure,
  RegionCode,
  Sector,
  controlUntilOffset,
  didEstimate,
  preTrendOf,
  type DidEstimate,
  type EventTimeEstimate,
  type PreTrend,
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
    'a mentored village and two not-yet-mentored villages of its regency in the year before its ' +
    'first mentoring and the year after it'
  );
}

/**
 * The words of {@link MentoringImpact.method}, on demand and stored alike.
 *
 * @example
 * ```ts
 * impactMethodText('umkm', 'skills_index');
 * ```
 */
export function impactMethodText(sector: Sector | undefined, measure: IndexMeasure): string {
  return (
    'Difference in differences within regencies: for each cohort of villages first mentored in ' +
    `year g${sector ? ` (in sector ${sector})` : ''}, the change of ${measure} from g-1 (the year ` +
    'before the event) to g+1 minus the mean change over the same years of villages in the same ' +
    'regency not mentored by g+1; regency-cohort comparisons (at least 1 treated and 2 control ' +
    'villages) pooled weighted by treated count. Standard error from the influence function, ' +
    'clustered by village; 95% interval and p-value from Student t with Satterthwaite degrees of ' +
    'freedom. The event study measures the same from g-1 to g+k for k = -3, -2 (placebos: before ' +
    'the event), 0, 1, 2, 3, with controls not mentored by the later of g and g+k; the pre-trend ' +
    'check passes when every placebo interval covers 0.'
  );
}

/**
 * A difference-in-differences estimate of the effect of mentoring on a measure: the domain's
 * {@link DidEstimate} (`differenceInDifferences` defines it; this query computes the same in
 * DuckDB), where treated units are mentored villages and controls not-yet-mentored ones.
 */
export type ImpactEstimate = DidEstimate;

/** The estimate for the villages first mentored in one year. */
export interface CohortImpact extends ImpactEstimate {
  /**
   * The year g of first mentoring: the change is measured from g - 1 (the year before) to g + 1.
   */
  year: number;
  /** Regencies with at least one treated and two control villages that year. */
  regencies: number;
}

/** One event time of the event study: ATT(g, g + k) from the base g - 1, pooled over cohorts. */
export type ImpactEventTime = EventTimeEstimate;

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
  /** The headline ATT(g, g + 1) per cohort g. */
  cohorts: CohortImpact[];
  /**
   * The event study: the effect k = -3, -2 (placebos), 0, 1, 2, 3 years from the first
   * mentoring, each from the base year g - 1; event times no cohort reaches are left out. The
   * entry at k = 1 is the headline estimate.
   */
  eventStudy: ImpactEventTime[];
  /** Whether the placebo years show no difference before mentoring (the domain's `preTrendOf`). */
  preTrend: PreTrend;
}

interface Row {
  k: number;
  cohort: number | null;
  w: number;
  weighted_did: number;
  cells: number;
  cohorts: number;
  n_control: number;
  v_satt: number;
  v_satt_df: number;
  v_single: number;
  v_clustered: number;
}

/**
 * Does mentoring move a measure? A difference in differences within regencies, as an event
 * study. For each cohort of villages first mentored in year g (as venue or participant of any
 * event that year, and, when `sector` is given, with that sector among the year's events), and
 * each event time k in the domain's EVENT_TIMES (-3, -2, 0, 1, 2, 3): the change of the measure
 * from g - 1, the last year before the event (the event year can already hold part of the
 * effect), to g + k, minus the mean change over the same years of the villages of the same
 * regency not mentored by the later of g and g + k (never mentored, or first mentored after it;
 * villages mentored earlier are neither). Regency-cohort comparisons need at least one treated
 * and two control villages; they are pooled weighted by their treated counts. Mentoring is only
 * compared with no mentoring: a village first mentored in another sector that year is left out,
 * not used as a control. The headline estimate is k = 1, ATT(g, g + 1); k < 0 are placebos, whose
 * intervals covering 0 is the pre-trend check.
 *
 * Standard error from the influence function of the pooled estimator, clustered by village (a
 * control village's changes enter several cohorts), each group's squared residuals scaled by
 * n/(n-1); a lone treated village borrows its regency's control variance. The 95% interval and
 * the p-value use Student's t with Satterthwaite degrees of freedom. The changes, the cells and
 * the variance are computed in DuckDB, every event time in one statement; only one row per
 * cohort and event time reaches JavaScript. The definition is the domain's
 * `differenceInDifferences` with the window (-1, k) (villages grouped by regency), and a test
 * holds the two equal.
 *
 * Throws the domain's `InvalidRegionCodeError`, `UnknownRegionError`, `QueryInputError` (an
 * unknown sector or measure), or {@link NoDataError} when no cohort has a headline comparison.
 *
 * @example
 * ```ts
 * const impact = await mentoringImpact(db, { sector: 'umkm', code: '35' });
 * impact.estimate; // 0.038 on the skills index (1-5)
 * impact.eventStudy.map((e) => [e.eventTime, e.estimate]); // [[-3, ~0], [-2, ~0], [0, ~0], [1, 0.038], ...]
 * impact.preTrend.passes; // true
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
  const base = EVENT_STUDY_BASE_OFFSET;
  const windows = cohortYears.flatMap((g) => EVENT_TIMES.map((k) => ({ g, k })));
  const years = [...new Set(windows.flatMap(({ g, k }) => [g + base, g + k]))].sort();
  // Years are integers from the database, spliced as literals into column names and filters.
  const value = (y: number) => sql.ref(`v_${y}`);

  const treatedVillages =
    cohortYears.length === 0
      ? 0
      : Number(
          (
            await sql<{ n: number }>`
    with attendance as (
      select a.village_code, a.event_id, year(e.start_date)::integer as year
      from ${mentoringAttendance()} a join mentoring_events e on e.id = a.event_id
    ), firsts as (
      select village_code, min(year) as first_year from attendance group by 1
    )
    select count(distinct f.village_code) as n
    from firsts f
    join attendance a on a.village_code = f.village_code and a.year = f.first_year
    ${
      sector === undefined
        ? sql``
        : sql`join mentoring_event_sectors s on s.event_id = a.event_id and s.sector = ${sector}`
    }
    where f.village_code in (select code from regions where ${scope.villagesWhere})`.execute(db)
          ).rows[0]?.n ?? 0,
        );

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
        windows.map(
          ({ g, k }) => sql`
      select village_code, regency_code, ${sql.lit(k)} as k, ${sql.lit(g)} as y,
        ${value(g + k)} - ${value(g + base)} as d,
        case
          when treated_year = ${sql.lit(g)} then 'treated'
          when first_year is null
            or first_year > ${sql.lit(g + controlUntilOffset({ from: base, to: k }))} then 'control'
        end as role
      from villages
      where ${value(g + k)} - ${value(g + base)} is not null`,
        ),
        sql` union all `,
      )}
    ), cells as materialized (
      select regency_code, k, y,
        count(*) filter (where role = 'treated') as nt,
        avg(d) filter (where role = 'treated') as mt,
        var_samp(d) filter (where role = 'treated') as vt,
        count(*) filter (where role = 'control') as nc,
        avg(d) filter (where role = 'control') as mc,
        var_samp(d) filter (where role = 'control') as vc
      from roles where role is not null
      group by regency_code, k, y
      having count(*) filter (where role = 'treated') >= 1
        and count(*) filter (where role = 'control') >= 2
    ), scaled as materialized (
      -- z = W x (the village's term of the influence function) in its cell.
      select r.village_code, r.k, r.y, r.role,
        case when r.role = 'treated'
          then case when c.nt > 1 then (r.d - c.mt) * sqrt(c.nt / (c.nt - 1)) else 0 end
          else -(c.nt / c.nc) * (r.d - c.mc) * sqrt(c.nc / (c.nc - 1))
        end as z
      from roles r join cells c on c.regency_code = r.regency_code and c.k = r.k and c.y = r.y
      where r.role is not null
    ), components as (
      -- Satterthwaite: each cell's treated and control mean as a variance component
      -- (unscaled by W, which cancels), with n - 1 degrees of freedom.
      select k, y, nt * coalesce(vt, vc) as v, case when nt > 1 then nt - 1 else nc - 1 end as df
      from cells
      union all select k, y, nt * nt * vc / nc, nc - 1 from cells
    ), cell_sums as (
      select k, y, sum(nt) as w, sum(nt * (mt - mc)) as weighted_did, count(*) as cells,
        coalesce(sum(vc) filter (where nt = 1), 0) as v_single
      from cells group by k, y
    ), component_sums as (
      select k, y, sum(v) as v_satt, sum(v * v / df) as v_satt_df from components group by k, y
    ), village_terms as (
      -- Within a cohort a village enters one cell: its summed term is its cell's.
      select village_code, k, y, sum(z) as z,
        bool_or(role = 'control') as control
      from scaled group by village_code, k, y
    ), cohort_rows as (
      select c.k, c.y as cohort, c.w, c.weighted_did, c.cells, 1 as cohorts, s.v_satt,
        s.v_satt_df, c.v_single,
        (select count(*) from village_terms v where v.k = c.k and v.y = c.y and v.control)
          as n_control,
        (select sum(z * z) from scaled v where v.k = c.k and v.y = c.y) as v_clustered
      from cell_sums c join component_sums s using (k, y)
    ), pooled_terms as (
      -- Pooled over cohorts a control village's terms add up before squaring: the clustering.
      select k, sum(z * z) as v_clustered, count(*) filter (where control) as n_control
      from (
        select village_code, k, sum(z) as z, bool_or(control) as control
        from village_terms group by village_code, k
      ) group by k
    )
    select k, cohort, w, weighted_did, cells, cohorts, n_control, v_satt, v_satt_df, v_single,
      v_clustered
    from cohort_rows
    union all
    select c.k, null, sum(c.w), sum(c.weighted_did), sum(c.cells), count(*),
      any_value(p.n_control), sum(c.v_satt), sum(c.v_satt_df), sum(c.v_single),
      any_value(p.v_clustered)
    from cohort_rows c join pooled_terms p using (k)
    group by c.k
    order by k, cohort nulls last`.execute(db);

  const where = scope.code ?? 'the nation';
  const pooled = result.rows.filter((r) => r.cohort === null && Number(r.w) > 0);
  const overall = pooled.find((r) => Number(r.k) === HEADLINE_EVENT_TIME);
  if (!overall) {
    throw new NoDataError(noImpactComparisonMessage(where, sector, measure));
  }
  const eventStudy = pooled.map((r): ImpactEventTime => ({
    eventTime: Number(r.k),
    cohorts: Number(r.cohorts),
    ...estimateOfRow(r),
  }));

  return {
    code: scope.code ?? null,
    level: scope.level,
    sector: sector ?? null,
    measure,
    ...estimateOfRow(overall),
    treatedVillages,
    method: impactMethodText(sector, measure),
    cohorts: result.rows
      .filter(
        (r): r is Row & { cohort: number } =>
          r.cohort !== null && Number(r.k) === HEADLINE_EVENT_TIME,
      )
      .map((r) => ({ year: r.cohort, regencies: Number(r.cells), ...estimateOfRow(r) })),
    eventStudy,
    preTrend: preTrendOf(eventStudy),
  };
}

/** The estimate from a row of sums, as the domain's `differenceInDifferences` forms it. */
function estimateOfRow(r: Row): ImpactEstimate {
  const w = Number(r.w);
  const vs = Number(r.v_satt_df);
  return didEstimate({
    estimate: Number(r.weighted_did) / w,
    standardError: Math.sqrt((Number(r.v_clustered) + Number(r.v_single)) / (w * w)),
    degreesOfFreedom: vs > 0 ? Number(r.v_satt) ** 2 / vs : null,
    nTreated: w,
    nControl: Number(r.n_control),
  });
}
