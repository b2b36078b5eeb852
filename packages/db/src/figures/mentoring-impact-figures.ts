import { sql, type Kysely, type RawBuilder } from 'kysely';
import {
  EVENT_STUDY_BASE_OFFSET,
  EVENT_TIMES,
  HEADLINE_EVENT_TIME,
  INDEX_MEASURES,
  controlUntilOffset,
  didEstimate,
  preTrendOf,
} from '@pandu/domain';
import type { Database } from '../schema/database.js';
import { mentoringAttendance } from '../queries/mentoring-attendance.js';
import {
  MentoringImpactInput,
  impactMethodText,
  noImpactComparisonMessage,
  type ImpactEstimate,
  type MentoringImpact,
} from '../queries/mentoring-impact.js';
import { NoDataError } from '../errors.js';
import { DEFAULT_MEASURE, sqlLiteral, trustedSql } from '../sql/index.js';
import { figuresFreshFor } from './figures-fresh.js';
import { figureBlock } from './figure-memory.js';
import { sectorKeysSql, storedScopeOf } from './mentoring-stored-scope.js';

// mentoring.impact (queries/mentoring-impact.ts, the reference) for every scope, sector and
// measure at once, in SQL over all regions. The difference in differences is a sum over cells
// (a regency and a cohort year: at least one treated and two control villages), and each cell's
// terms depend only on its own villages, so:
//
// - the nation, a province and a regency pool the cells of their regencies: the cells are
//   computed once per regency and summed per scope;
// - a district's estimate compares the district's villages only (the on-demand query filters the
//   villages first, then groups them by regency), so its cells are the district's own: computed
//   once per district, the same way.
//
// Every sum the estimate needs is a sum over cells, except two: the distinct control villages
// and the clustered variance of the pooled estimate, where a village that enters several cells
// (a control in several years, or a control before it was itself mentored) adds the cross terms
// of its influence function. Those are summed per group (regency or district) from the products
// of each village's terms across years (`mentoring_impact_cross`), so nothing is looped per
// scope: about ten grouped statements over the 2.7 million (village, year, measure) changes.
//
// The event study repeats all of it once per event time (EVENT_TIMES: six passes, the headline
// being k = 1), each over its own changes from g - 1 to g + k: on the national data about 37 s
// instead of 8 s (measured once under a load of ~10 on 2 cores). One pass over all event times
// at once would read the same number of changes; the passes keep the cross-term algebra as it
// was tested.

/** The cohort years: every year with an event (no sector), as the on-demand query's `eventYears`. */
async function eventYears(db: Kysely<Database>): Promise<number[]> {
  const { rows } = await sql<{ year: number }>`
    select distinct year(start_date)::integer as year from mentoring_events
    where start_date is not null order by 1`.execute(db);
  return rows.map((r) => r.year).filter((y) => Number.isInteger(y));
}

/**
 * The estimate, its standard error and Satterthwaite degrees of freedom from a row of sums `r`
 * (w, weighted_did, v_clustered, v_single, v_satt, v_satt_df), as the on-demand query's
 * `estimateOf`; as struct fields or plain columns.
 */
function estimateColumns(r: string, struct = true): RawBuilder<unknown> {
  const columns = [
    ['estimate', `${r}.weighted_did / ${r}.w`],
    ['standard_error', `sqrt((${r}.v_clustered + ${r}.v_single) / (${r}.w * ${r}.w))`],
    [
      'degrees_of_freedom',
      `case when ${r}.v_satt_df > 0 then ${r}.v_satt ** 2 / ${r}.v_satt_df end`,
    ],
  ];
  return raw(
    columns
      .map(([name, value]) => (struct ? `'${name}': ${value}` : `${value} as ${name}`))
      .join(', '),
  );
}

// Generated SQL text from constants (measure names, integer years) only.
const raw = (text: string): RawBuilder<unknown> => trustedSql(text);

/**
 * Store what {@link mentoringImpact} answers for the nation and every province, regency and
 * district, each sector and none, and each measure, pooled and per cohort. Run inside the
 * writing transaction (see refresh-figures.ts).
 */
export async function refreshMentoringImpactFigures(db: Kysely<Database>): Promise<void> {
  await sql`delete from mentoring_impact_figures`.execute(db);
  const years = await eventYears(db);
  if (years.length === 0) return;
  // Years are integers from the database, spliced as literals into column names and filters.
  const yearList = raw(years.join(', '));
  const measures = INDEX_MEASURES;
  const measureList = raw(`[${measures.map((m) => sqlLiteral(m)).join(', ')}]`);
  const pairs = years.flatMap((y, i) => years.slice(i + 1).map((z) => [y, z] as const));

  // The heavy statements group millions of rows: villages, groups (a regency or a district),
  // measures and sectors are small integers there, codes and names only at the end. Groups:
  // regencies and districts numbered together, each with the scopes whose cells it holds.
  await sql`
    create or replace temp table mentoring_impact_scopes as
    select row_number() over (order by code)::integer - 1 as sid, code, province_code
    from (
      select '' as code, null as province_code
      union all
      select code, province_code from regions where level in ('province', 'regency', 'district')
    )`.execute(db);
  await sql`
    create or replace temp table mentoring_impact_groups as
    select g.sid as gid, g.code,
      case when r.level = 'regency' then [0, p.sid, g.sid] else [g.sid] end as sids
    from mentoring_impact_scopes g
    join regions r on r.code = g.code and r.level in ('regency', 'district')
    join mentoring_impact_scopes p on p.code = g.province_code`.execute(db);
  // Villages: the first year each was mentored, and the sectors of that year (0 for any, i for
  // the i-th of SECTORS): a village is treated for a sector in the cohort of its first year when
  // that sector was among the year's events.
  await sql`
    create or replace temp table mentoring_impact_treated as
    with attendance as (
      select a.village_code, a.event_id, year(e.start_date)::integer as year
      from ${mentoringAttendance()} a join mentoring_events e on e.id = a.event_id
    ), firsts as (
      select village_code, min(year) as first_year from attendance group by 1
    ), sectors as (
      select village_code, first_year, '' as sector from firsts
      union
      select f.village_code, f.first_year, s.sector
      from firsts f
      join attendance a on a.village_code = f.village_code and a.year = f.first_year
      join mentoring_event_sectors s on s.event_id = a.event_id
    )
    select village_code, first_year, sector,
      (list_position(${sectorKeysSql()}, sector) - 1)::tinyint as si
    from sectors`.execute(db);
  await sql`
    create or replace temp table mentoring_impact_villages as
    select v.code as village_code, row_number() over (order by v.code)::integer as vid,
      r.gid as rgid, d.gid as dgid, f.first_year
    from regions v
    join mentoring_impact_groups r on r.code = v.regency_code
    join mentoring_impact_groups d on d.code = v.district_code
    left join (select distinct village_code, first_year from mentoring_impact_treated) f
      on f.village_code = v.code
    where v.level = 'village'`.execute(db);

  await sql`
    create or replace temp table mentoring_impact_treated_sectors as
    select v.vid, t.si from mentoring_impact_treated t join mentoring_impact_villages v using (village_code)`.execute(
    db,
  );

  // The event study: the whole estimation below, once per event time k (the headline is k = 1),
  // each pass keeping its scopes' pooled estimates in mentoring_impact_events.
  await sql`
    create or replace temp table mentoring_impact_events (
      k integer, code varchar, sector varchar, measure varchar, estimate double,
      standard_error double, degrees_of_freedom double, n_treated integer, n_control integer,
      cohorts integer
    )`.execute(db);
  for (const k of EVENT_TIMES) {
    const base = EVENT_STUDY_BASE_OFFSET;
    const until = controlUntilOffset({ from: base, to: k });
    // Each village's change of each measure from g - 1 to g + k, for every cohort year g (y below),
    // with its role: treated (first mentored in g) or control (never mentored, or first after the
    // later of g and g + k). A village's groups are its regency and district in `regions`, which
    // village_index copies.
    await sql`
    create or replace temp table mentoring_impact_changes as
    with changes as (
      select v.vid, v.rgid, v.dgid, v.first_year, (a.year - ${raw(String(base))})::smallint as y,
        unnest(range(${measures.length}))::tinyint as mi,
        unnest([${raw(measures.map((m) => `b.${m} - a.${m}`).join(', '))}]) as d
      from village_index a
      join village_index b on b.village_code = a.village_code
        and b.year = a.year + ${raw(String(k - base))}
      join mentoring_impact_villages v on v.village_code = a.village_code
      where a.year - ${raw(String(base))} in (${yearList})
    )
    select vid, rgid, dgid, y, mi, d, first_year is not null and first_year = y as treated
    from changes
    where d is not null
      and (first_year is null or first_year > y + ${raw(String(until))} or first_year = y)`.execute(
      db,
    );

    // Cells by group: a regency's (for the nation, provinces and regencies) and a district's.
    const bothKinds = (where: string) =>
      raw(`select rgid as gid, vid, y, mi, d from mentoring_impact_changes where ${where}
      union all select dgid as gid, vid, y, mi, d from mentoring_impact_changes where ${where}`);
    await sql`
    create or replace temp table mentoring_impact_control as
    select gid, y, mi, count(*) as nc, avg(d) as mc, var_samp(d) as vc
    from (${bothKinds('not treated')})
    group by all having count(*) >= 2`.execute(db);
    await sql`
    create or replace temp table mentoring_impact_cells as
    with treated as (
      select gid, y, mi, si, count(*) as nt, avg(d) as mt, var_samp(d) as vt
      from (
        select c.*, t.si
        from (${bothKinds('treated')}) c
        join mentoring_impact_treated_sectors t using (vid)
      ) group by all
    )
    select t.gid, t.y, t.mi, t.si, t.nt, t.mt, t.vt, c.nc, c.mc, c.vc,
      -- The cell's sums (see queries/mentoring-impact.ts): the squared influence terms of its
      -- treated villages add nt * vt (none for a lone one), its controls nt^2 * vc / nc.
      t.nt * (t.mt - c.mc) as weighted_did,
      case when t.nt = 1 then c.vc else 0 end as v_single,
      case when t.nt > 1 then t.nt * t.vt else 0 end + t.nt * t.nt * c.vc / c.nc as v_clustered,
      t.nt * coalesce(t.vt, c.vc) + t.nt * t.nt * c.vc / c.nc as v_satt,
      (t.nt * coalesce(t.vt, c.vc)) ** 2 / case when t.nt > 1 then t.nt - 1 else c.nc - 1 end
        + (t.nt * t.nt * c.vc / c.nc) ** 2 / (c.nc - 1) as v_satt_df,
      -- A control's influence term is a * (d - mc), a treated village's k * (d - mt).
      -(t.nt / c.nc) * sqrt(c.nc / (c.nc - 1)) as a,
      case when t.nt > 1 then sqrt(t.nt / (t.nt - 1)) else 0 end as k
    from treated t
    join mentoring_impact_control c using (gid, y, mi)`.execute(db);

    // Per group and measure, each control village's deviations e_y = d - mc by year (one column a
    // year), whether a village is a control in a cell of the sector or not: the cross terms need
    // them, and a sector's missing cell weighs them 0.
    const e = (y: number) => `e_${y}`;
    // Pivoted once per village and measure, then set against each of its two groups' means.
    const pivot = (value: string, column: (y: number) => string) =>
      raw(
        years.map((y) => `any_value(${value}) filter (where y = ${y}) as ${column(y)}`).join(', '),
      );
    const deviations = (group: string) =>
      raw(
        `select c.gid, d.vid, d.mi, ${years.map((y) => `d.d_${y} - c.mc_${y} as ${e(y)}`).join(', ')}
      from control_changes d join control_means c on c.gid = d.${group} and c.mi = d.mi`,
      );
    await sql`
    create or replace temp table mentoring_impact_deviations as
    with control_changes as (
      select vid, any_value(rgid) as rgid, any_value(dgid) as dgid, mi, ${pivot('d', (y) => `d_${y}`)}
      from mentoring_impact_changes where not treated group by vid, mi
    ), control_means as (
      select gid, mi, ${pivot('mc', (y) => `mc_${y}`)} from mentoring_impact_control group by all
    )
    ${deviations('rgid')}
    union all
    ${deviations('dgid')}`.execute(db);

    // The cross terms of the clustered variance and the distinct controls, per group, measure and
    // sector: sum over villages of (sum over its cells of its terms)^2 minus the squares already
    // in the cells' v_clustered = 2 x (control-control products across years + treated-control
    // products of a village mentored after being a control).
    // The cells of a group, measure and sector side by side, one column a year (a_y: the
    // controls' factor, 0 where the sector has no cell that year; k_y and mt_y: the treated's).
    const aOf = (y: number) => `w.a_${y}`;
    const mask = years.map((y, i) => `case when ${e(y)} is not null then ${2 ** i} else 0 end`);
    await sql`
    create or replace temp table mentoring_impact_wide as
    select gid, mi, si,
      ${raw(years.map((y, i) => `coalesce(max(${2 ** i}) filter (where y = ${y}), 0)`).join(' + '))} as cell_mask,
      ${raw(
        years
          .map(
            (y) =>
              `coalesce(any_value(a) filter (where y = ${y}), 0) as a_${y}, ` +
              `any_value(k) filter (where y = ${y}) as k_${y}, ` +
              `any_value(mt) filter (where y = ${y}) as mt_${y}`,
          )
          .join(',\n      '),
      )},
      -- The group's own sums and cohorts: a district's answer as it is.
      sum(nt) as w, sum(weighted_did) as weighted_did, sum(v_satt) as v_satt,
      sum(v_satt_df) as v_satt_df, sum(v_single) as v_single, sum(v_clustered) as v_clustered,
      list({
        'year': y::integer,
        ${estimateColumns('c')},
        'n_treated': nt::integer,
        'n_control': nc::integer,
        'regencies': 1
      }) as cohorts
    from (select *, nt as w from mentoring_impact_cells) c group by gid, mi, si`.execute(db);
    // A village treated in y0 adds k_y0 (d - mt_y0) times each of its earlier control terms.
    const treatedCross = years
      .map((y) => {
        const terms = years.map((z) => `${aOf(z)} * (t.q_${z} - w.mt_${y} * t.s_${z})`);
        return `when ${y} then w.k_${y} * (${terms.join(' + ')})`;
      })
      .join(' ');
    await sql`
    create or replace temp table mentoring_impact_cross as
    with products as (
      select gid, mi,
        ${raw(pairs.length === 0 ? '0 as no_pairs' : pairs.map(([y, z]) => `coalesce(sum(${e(y)} * ${e(z)}), 0) as p_${y}_${z}`).join(', '))}
      from mentoring_impact_deviations group by all
    ), masks as (
      select gid, mi, ${raw(mask.join(' + '))} as mask, count(*) as n
      from mentoring_impact_deviations group by all
    ), treated_products as (
      -- For a village treated in y0 and a control in an earlier y: sum of d_y0 * e_y and of e_y.
      select c.gid, c.mi, t.si, c.y as y0,
        ${raw(years.map((y) => `coalesce(sum(c.d * v.${e(y)}), 0) as q_${y}, coalesce(sum(v.${e(y)}), 0) as s_${y}`).join(', '))}
      from (${bothKinds('treated')}) c
      join mentoring_impact_treated_sectors t using (vid)
      join mentoring_impact_deviations v on v.gid = c.gid and v.vid = c.vid and v.mi = c.mi
      group by all
    ), treated_cross as (
      select t.gid, t.mi, t.si,
        sum(case t.y0 ${raw(treatedCross)} end) as cross_terms
      from treated_products t
      join mentoring_impact_wide w using (gid, mi, si)
      group by all
    ), controls as (
      select w.gid, w.mi, w.si, sum(m.n) as n_control
      from mentoring_impact_wide w
      join masks m on m.gid = w.gid and m.mi = w.mi and (m.mask & w.cell_mask) <> 0
      group by all
    )
    select w.gid, w.mi, w.si,
      2 * (${raw(pairs.length === 0 ? '0' : pairs.map(([y, z]) => `${aOf(y)} * ${aOf(z)} * coalesce(p.p_${y}_${z}, 0)`).join(' + '))}
        + coalesce(tc.cross_terms, 0)) as v_cross,
      coalesce(n.n_control, 0) as n_control
    from mentoring_impact_wide w
    left join products p using (gid, mi)
    left join treated_cross tc using (gid, mi, si)
    left join controls n using (gid, mi, si)`.execute(db);

    // Scopes: a district's answer is its group's (summed above, with its cross terms); a
    // regency's cells are summed into it, its province and the nation, cohort by cohort. The
    // pooled estimate sums every cohort's cells plus the cross terms. Scopes are numbered in code
    // order, so ordering by number writes the rows in code order.
    await sql`
    create or replace temp table mentoring_impact_found as
    with districts as (
      select w.gid as sid, w.si, w.mi, w.w, w.weighted_did, w.v_satt, w.v_satt_df, w.v_single,
        w.v_clustered + x.v_cross as v_clustered, x.n_control, w.cohorts
      from mentoring_impact_wide w
      join mentoring_impact_cross x using (gid, mi, si)
      join mentoring_impact_groups g using (gid)
      where len(g.sids) = 1
    ), cohorts as (
      select sid, si, mi, y as cohort, sum(nt) as w, sum(weighted_did) as weighted_did,
        count(*) as cells, sum(nc) as n_control, sum(v_satt) as v_satt,
        sum(v_satt_df) as v_satt_df, sum(v_single) as v_single, sum(v_clustered) as v_clustered
      from (
        select unnest(g.sids) as sid, c.*
        from mentoring_impact_cells c join mentoring_impact_groups g using (gid)
        where len(g.sids) > 1
      ) group by all
    ), cross_scopes as (
      select sid, mi, si, sum(n_control) as n_control, sum(v_cross) as v_cross
      from (
        select unnest(g.sids) as sid, x.*
        from mentoring_impact_cross x join mentoring_impact_groups g using (gid)
        where len(g.sids) > 1
      ) group by all
    ), regencies as (
      select c.sid, c.si, c.mi, sum(c.w) as w, sum(c.weighted_did) as weighted_did,
        sum(c.v_satt) as v_satt, sum(c.v_satt_df) as v_satt_df, sum(c.v_single) as v_single,
        sum(c.v_clustered) + any_value(x.v_cross) as v_clustered,
        any_value(x.n_control) as n_control,
        list({
          'year': c.cohort::integer,
          ${estimateColumns('c')},
          'n_treated': c.w::integer,
          'n_control': c.n_control::integer,
          'regencies': c.cells::integer
        }) as cohorts
      from cohorts c join cross_scopes x using (sid, si, mi)
      group by all
    ), treated_villages as (
      select sid, si, count(*) as n from (
        select unnest(list_concat(r.sids, d.sids)) as sid, t.si
        from mentoring_impact_treated t
        join mentoring_impact_villages v using (village_code)
        join mentoring_impact_groups r on r.gid = v.rgid
        join mentoring_impact_groups d on d.gid = v.dgid
      ) group by all
    ), scopes as (
      select * from districts union all by name select * from regencies
    )
    select s.code, ${sectorKeysSql()}[p.si + 1] as sector, ${measureList}[p.mi + 1] as measure,
      ${estimateColumns('p', false)}, p.w, p.n_control, coalesce(t.n, 0), p.cohorts
    from scopes p
    join mentoring_impact_scopes s using (sid)
    left join treated_villages t on t.sid = p.sid and t.si = p.si`.execute(db);

    await sql`
    insert into mentoring_impact_events
    select ${raw(String(k))}, code, sector, measure, estimate, standard_error,
      degrees_of_freedom, w, n_control, len(cohorts)
    from mentoring_impact_found`.execute(db);
    if (k === HEADLINE_EVENT_TIME) {
      await sql`create or replace temp table mentoring_impact_headline as
      select * from mentoring_impact_found`.execute(db);
    }
  }

  // Every other scope, sector and measure has no comparison: a row with a null estimate, so the
  // stored read answers the API's 404 at once instead of the on-demand query finding nothing.
  // Written in one pass ordered by code, so each lookup reads one stretch of the table.
  await sql`
    insert into mentoring_impact_figures
    select * from (
      select h.*, e.event_study
      from mentoring_impact_headline h
      join (
        select code, sector, measure, list({
          'event_time': k, 'estimate': estimate, 'standard_error': standard_error,
          'degrees_of_freedom': degrees_of_freedom, 'n_treated': n_treated,
          'n_control': n_control, 'cohorts': cohorts
        }) as event_study
        from mentoring_impact_events group by all
      ) e using (code, sector, measure)
      union all
      select s.code, k.sector, m.measure, null, null, null, null, null, 0, [], []
      from mentoring_impact_scopes s
      cross join (select unnest(${sectorKeysSql()}) as sector) k
      cross join (select unnest(${measureList}) as measure) m
      anti join mentoring_impact_headline f
        on f.code = s.code and f.sector = k.sector and f.measure = m.measure
    ) order by code, sector, measure`.execute(db);

  for (const table of [
    'found',
    'events',
    'headline',
    'scopes',
    'groups',
    'treated',
    'treated_sectors',
    'villages',
    'changes',
    'control',
    'cells',
    'deviations',
    'wide',
    'cross',
  ]) {
    await sql`drop table if exists ${sql.ref(`mentoring_impact_${table}`)}`.execute(db);
  }
}

interface StoredEstimate {
  estimate: number;
  standard_error: number;
  degrees_of_freedom: number | null;
  n_treated: number;
  n_control: number;
}

interface StoredRow extends StoredEstimate {
  treated_villages: number;
  cohorts: Array<StoredEstimate & { year: number; regencies: number }>;
  event_study: Array<StoredEstimate & { event_time: number; cohorts: number }>;
}

/** A stored row as read: a scope without a comparison has a null estimate and counts. */
type StoredRowRead = Omit<
  StoredRow,
  'estimate' | 'standard_error' | 'n_treated' | 'n_control' | 'event_study'
> & {
  [K in 'estimate' | 'standard_error' | 'n_treated' | 'n_control' | 'event_study']:
    StoredRow[K] | null;
};

function estimateOf(r: StoredEstimate): ImpactEstimate {
  return didEstimate({
    estimate: r.estimate,
    standardError: r.standard_error,
    degreesOfFreedom: r.degrees_of_freedom,
    nTreated: r.n_treated,
    nControl: r.n_control,
  });
}

/**
 * {@link mentoringImpact}'s answer read from the estimates stored when the data were written, in
 * one lookup; null when it is not stored (a village's scope, figures stale or missing) or the
 * input is not valid, and the caller asks `mentoringImpact`, which answers or throws the right
 * error. A scope with no comparison throws the NoDataError `mentoringImpact` would, at once.
 *
 * @example
 * ```ts
 * const i = await storedMentoringImpact(db, { code: '35', sector: 'umkm', measure: 'digital_skills' });
 * ```
 */
export async function storedMentoringImpact(
  db: Kysely<Database>,
  input: MentoringImpactInput = {},
): Promise<MentoringImpact | null> {
  const parsed = MentoringImpactInput.safeParse(input);
  if (!parsed.success) return null;
  const scope = storedScopeOf(parsed.data.code);
  if (scope === null) return null;
  const sector = parsed.data.sector;
  const measure = parsed.data.measure ?? DEFAULT_MEASURE;
  // A read-only version keeps the scope's rows of every sector and measure once read
  // (figureBlock); a writable database reads the one row.
  const block = figureBlock(
    db,
    'mentoring_impact_figures',
    scope.key,
    async () =>
      (
        await sql<StoredRowRead & { sector: string; measure: string }>`
      select sector, measure, estimate, standard_error, degrees_of_freedom, n_treated, n_control,
        treated_villages, cohorts, event_study
      from mentoring_impact_figures
      where code = ${scope.key} and ${await figuresFreshFor(db)}`.execute(db)
      ).rows,
  );
  const rows: StoredRowRead[] = block
    ? (await block).filter((r) => r.sector === (sector ?? '') && r.measure === measure)
    : (
        await sql<StoredRowRead>`
    select estimate, standard_error, degrees_of_freedom, n_treated, n_control, treated_villages,
      cohorts, event_study
    from mentoring_impact_figures
    where code = ${scope.key} and sector = ${sector ?? ''} and measure = ${measure}
      and ${await figuresFreshFor(db)}`.execute(db)
      ).rows;
  const overall = rows[0];
  if (overall === undefined) return null;
  // Written before the event study was stored, on the old base year (migration
  // 2026-12-07T01-impact-event-study): not stored, as far as the reader is concerned.
  if (overall.event_study === null) return null;
  if (overall.estimate === null) {
    throw new NoDataError(noImpactComparisonMessage(scope.code ?? 'the nation', sector, measure));
  }
  const found = overall as StoredRow;
  const eventStudy = [...found.event_study]
    .sort((a, b) => a.event_time - b.event_time)
    .map((e) => ({ eventTime: e.event_time, cohorts: e.cohorts, ...estimateOf(e) }));
  return {
    code: scope.code,
    level: scope.level,
    sector: sector ?? null,
    measure,
    ...estimateOf(found),
    treatedVillages: found.treated_villages,
    // The on-demand query's words (queries/mentoring-impact.ts); the tests hold the two equal.
    method: impactMethodText(sector, measure),
    // Stored in no particular order (an ordered list() is slow to build): by year, as the query's.
    cohorts: [...found.cohorts]
      .sort((a, b) => a.year - b.year)
      .map((c) => ({
        year: c.year,
        regencies: c.regencies,
        ...estimateOf(c),
      })),
    eventStudy,
    preTrend: preTrendOf(eventStudy),
  };
}
