import { sql, type Kysely } from 'kysely';
import { MEASURE_SCALES, SECTORS, Sector, sectorLabel, type VillageKind } from '@pandu/domain';
import type { Database } from '../schema/database.js';
import { mentoringAttendance } from '../queries/mentoring-attendance.js';
import {
  MentoringPrioritiesInput,
  type MentoringPriorities,
} from '../queries/mentoring-priorities.js';
import { QUERY_LIMIT_MAX } from '../queries/query-fields.js';
import { trustedSql } from '../sql/index.js';
import { COMPLETE_YEAR_COVERAGE, type CoverageOptions } from '../queries/year-coverage.js';
import { figuresFresh } from './figures-fresh.js';
import { sectorKeysSql, storedScopeOf } from './mentoring-stored-scope.js';

const ACCESS_SCALE = MEASURE_SCALES.access_index;
const DEFAULT_LIMIT = 20;
/** Stored sector keys: '' (any) then each of SECTORS, as {@link sectorKeysSql} lists them. */
const SECTOR_KEYS = 1 + SECTORS.length;

/**
 * Store what {@link mentoringPriorities} answers with the default `minAccess` and year
 * completeness for the nation and every province, regency and district, each sector and none:
 * the first {@link QUERY_LIMIT_MAX} villages of every ranking (a request's `limit` takes the first
 * of them) and the counts each ranking is out of. Set-based: each scope's year is chosen from the
 * per-scope, per-year counts of one grouped scan of `village_index`; every village then enters the
 * rankings of its four scopes (nation, province, regency, district) at once, ranked with window
 * functions partitioned by scope and sector. Run inside the writing transaction.
 */
export async function refreshMentoringPriorityFigures(db: Kysely<Database>): Promise<void> {
  const threshold = COMPLETE_YEAR_COVERAGE;
  const minAccess = ACCESS_SCALE.defaultThreshold;
  await sql`delete from mentoring_priority_figures`.execute(db);
  await sql`delete from mentoring_priority_villages`.execute(db);
  // The year of each scope, as scopeYearCoverage (queries/year-coverage.ts) chooses it: the latest
  // year complete in the scope (its share of villages with both indices reaches the threshold, or
  // the dataset's does), else the latest with any. Every year of village_index is a candidate.
  await sql`
    create or replace temp table mentoring_priority_years as
    with both_present as (
      select year, province_code, regency_code, district_code from village_index
      where skills_index is not null and access_index is not null
    ), scope_year as (
      select code, year, count(*) as villages from (
        select unnest(['', province_code, regency_code, district_code]) as code, year
        from both_present
      ) group by all
    ), totals as (
      select code, count(*) as total from (
        select unnest(['', province_code, regency_code, district_code]) as code
        from regions where level = 'village'
      ) group by all
    ), dataset as (
      select y.year, coalesce(b.n, 0) as n,
        (select count(*) from regions where level = 'village') as total
      from (select distinct year from village_index) y
      left join (select year, count(*) as n from both_present group by 1) b on b.year = y.year
    ), scopes as (
      select '' as code, '' as name
      union all
      select code, name from regions where level in ('province', 'regency', 'district')
    ), coverage as (
      select s.code, s.name, d.year, coalesce(c.villages, 0) as villages,
        case when coalesce(t.total, 0) > 0 then coalesce(c.villages, 0) / t.total else 0 end as share,
        coalesce(t.total, 0) as total, d.n as dataset_n, d.total as dataset_total
      from scopes s
      cross join dataset d
      left join scope_year c on c.code = s.code and c.year = d.year
      left join totals t on t.code = s.code
    ), judged as (
      select *, (total > 0 and share >= ${threshold})
        or (villages > 0 and dataset_total > 0 and dataset_n / dataset_total >= ${threshold}) as complete
      from coverage
    )
    select code, any_value(name) as name,
      arg_max({ 'year': year, 'villages': villages, 'share': share, 'complete': complete },
        case when complete then 100000 + year else year end) as chosen
    from judged where villages > 0 group by code`.execute(db);
  // Each scope's villages with a skills index in its year, with their percentile in the scope.
  // `ord` numbers every village-year in the ranking's order (skills index, then access index
  // descending, then code), so each ranking below is a top-100 by one integer.
  await sql`
    create or replace temp table mentoring_priority_ranked as
    with ordered as (
      select *, row_number() over (
          order by year, skills_index, access_index desc, village_code)::integer as ord
      from village_index
      where skills_index is not null
        and year in (select distinct chosen.year from mentoring_priority_years)
    ), scoped as (
      select * from (
        select unnest(['', province_code, regency_code, district_code]) as scope_code, year, ord,
          village_code, skills_index, access_index
        from ordered
      ) v
      semi join mentoring_priority_years y on y.code = v.scope_code and y.chosen.year = v.year
    )
    select *, cume_dist() over (partition by scope_code order by skills_index) as percentile
    from scoped`.execute(db);
  // The rankings: per scope and sector key (0 = never mentored at all, i = never in the i-th
  // sector), the candidates (access index at least minAccess) counted and the first 100 kept
  // by min_by's bounded top-n, not a sort of every candidate. A village counts as mentored in a
  // sector when it attended (as venue or participant) an event of that sector.
  await sql`
    create or replace temp table mentoring_priority_rankings as
    with mentored as (
      select distinct a.village_code,
        (list_position(${sectorKeysSql()}, s.sector) - 1)::tinyint as si
      from ${mentoringAttendance()} a
      join mentoring_event_sectors s on s.event_id = a.event_id
    ), eligible as (
      -- The sector keys a village is a candidate for: every one it was never mentored in, and 0
      -- when it was mentored in none.
      select v.code as village_code,
        list_filter(range(${SECTOR_KEYS}), (i) ->
          case when i = 0 then m.sis is null
            else m.sis is null or not list_contains(m.sis, i::tinyint) end) as sis
      from regions v
      left join (select village_code, list(si) as sis from mentored group by 1) m
        on m.village_code = v.code
      where v.level = 'village'
    ), candidates as (
      select r.scope_code, r.ord, unnest(e.sis) as si
      from mentoring_priority_ranked r join eligible e using (village_code)
      where r.access_index >= ${minAccess}
    )
    select scope_code, si, count(*) as candidates, min_by(ord, ord, ${QUERY_LIMIT_MAX}) as firsts
    from candidates group by all`.execute(db);

  await sql`
    insert into mentoring_priority_figures
    with stats as (
      select scope_code, count(*) as with_data, median(skills_index) as median
      from mentoring_priority_ranked group by 1
    ), counts as (
      select scope_code,
        list(candidates order by si) as candidates, list(si order by si) as sis
      from mentoring_priority_rankings group by 1
    )
    select y.code, y.name, y.chosen.year, y.chosen.villages, y.chosen.share, y.chosen.complete,
      ${minAccess},
      list_transform(range(${SECTOR_KEYS}), (i) ->
        coalesce(c.candidates[list_position(c.sis, i)], 0)::integer),
      coalesce(t.with_data, 0), coalesce(t.median, 0)
    from mentoring_priority_years y
    left join stats t on t.scope_code = y.code
    left join counts c on c.scope_code = y.code
    order by y.code`.execute(db);
  await sql`
    insert into mentoring_priority_villages
    with ranks as (
      select scope_code, ord, [${trustedSql(
        Array.from({ length: SECTOR_KEYS }, (_, i) => `max(rank) filter (where si = ${i})`).join(
          ', ',
        ),
      )}]::integer[] as ranks
      from (
        select scope_code, si, unnest(firsts) as ord, generate_subscripts(firsts, 1) as rank
        from mentoring_priority_rankings
      ) group by all
    ), mentored_in as (
      select a.village_code, list(distinct s.sector order by s.sector) as sectors
      from ${mentoringAttendance()} a
      join mentoring_event_sectors s on s.event_id = a.event_id
      group by 1
    )
    select r.scope_code, r.village_code, k.ranks, v.name, v.kind, p.code, p.name, g.code,
      g.name, d.code, d.name, r.skills_index, r.access_index, i.outcomes_index, r.percentile,
      m.sectors
    from ranks k
    join mentoring_priority_ranked r using (scope_code, ord)
    join village_index i on i.village_code = r.village_code and i.year = r.year
    join regions v on v.code = r.village_code
    join regions p on p.code = v.province_code
    join regions g on g.code = v.regency_code
    join regions d on d.code = v.district_code
    left join mentored_in m on m.village_code = r.village_code
    order by r.scope_code, r.village_code`.execute(db);
  for (const table of ['years', 'ranked', 'rankings']) {
    await sql`drop table if exists ${sql.ref(`mentoring_priority_${table}`)}`.execute(db);
  }
}

interface StoredRow {
  name: string;
  year: number;
  year_villages: number;
  year_share: number;
  year_complete: boolean;
  min_access: number;
  candidates: number;
  villages_with_data: number;
  skills_median: number;
  rank: number | null;
  village_code: string | null;
  village_name: string | null;
  kind: VillageKind | null;
  province_code: string;
  province_name: string;
  regency_code: string;
  regency_name: string;
  district_code: string;
  district_name: string;
  skills_index: number;
  access_index: number;
  outcomes_index: number | null;
  skills_percentile: number;
  mentored_in: string[] | null;
}

const percent = (x: number) =>
  `${(100 * x).toLocaleString('en', { maximumFractionDigits: x < 0.1 ? 1 : 0 })}%`;

/**
 * {@link mentoringPriorities}'s answer read from the rankings stored when the data were written,
 * in one lookup: the first `limit` villages of the stored 100. Null when it is not stored (a
 * `minAccess` or completeness other than the default, a village's scope, figures stale or
 * missing, no year with data) or the input is not valid; the caller then asks
 * `mentoringPriorities`, which answers or throws the right error.
 *
 * @example
 * ```ts
 * const p = await storedMentoringPriorities(db, { code: '35.05', sector: 'umkm', limit: 10 });
 * ```
 */
export async function storedMentoringPriorities(
  db: Kysely<Database>,
  input: MentoringPrioritiesInput = {},
  options?: CoverageOptions,
): Promise<MentoringPriorities | null> {
  const completeCoverage = options?.completeCoverage ?? COMPLETE_YEAR_COVERAGE;
  if (completeCoverage !== COMPLETE_YEAR_COVERAGE) return null;
  const parsed = MentoringPrioritiesInput.safeParse(input);
  if (!parsed.success) return null;
  const minAccess = parsed.data.minAccess ?? ACCESS_SCALE.defaultThreshold;
  if (minAccess !== ACCESS_SCALE.defaultThreshold) return null;
  const scope = storedScopeOf(parsed.data.code);
  if (scope === null) return null;
  const sector = parsed.data.sector;
  const limit = parsed.data.limit ?? DEFAULT_LIMIT;

  // List positions are 1-based: the sector key i is at i + 1.
  const key = sector === undefined ? 1 : 2 + SECTORS.findIndex((s) => s.code === sector);
  const { rows } = await sql<StoredRow>`
    select f.name, f.year, f.year_villages, f.year_share, f.year_complete, f.min_access,
      f.candidates[${key}] as candidates, f.villages_with_data, f.skills_median,
      v.ranks[${key}] as rank, v.village_code, v.name as village_name, v.kind, v.province_code,
      v.province_name, v.regency_code, v.regency_name, v.district_code, v.district_name,
      v.skills_index, v.access_index, v.outcomes_index, v.skills_percentile, v.mentored_in
    from mentoring_priority_figures f
    left join mentoring_priority_villages v
      on v.scope_code = f.scope_code and v.ranks[${key}] <= ${limit}
    where f.scope_code = ${scope.key} and ${figuresFresh()}
    order by rank`.execute(db);
  const head = rows[0];
  if (head === undefined) return null;

  const year = head.year;
  const withData = head.villages_with_data;
  const median = head.skills_median;
  const scopeName = scope.code === null ? 'the nation' : head.name;
  const sectorName = sector === undefined ? undefined : sectorLabel(sector, 'en');
  const rule =
    `Villages with an access index of at least ${minAccess} in ${year} (connected, so mentoring ` +
    `has something to build on), never mentored${sectorName ? ` in ${sectorName}` : ''}, ranked by ` +
    'skills index, lowest first; ties to the higher access index, then by code.';
  return {
    code: scope.code,
    level: scope.level,
    sector: sector ?? null,
    year,
    coverage: {
      year,
      villages: head.year_villages,
      share: head.year_share,
      complete: head.year_complete,
    },
    minAccess,
    rule,
    candidates: head.candidates,
    villagesWithData: withData,
    skillsMedian: median,
    villages: rows
      .filter((r) => r.rank !== null)
      .map((r) => {
        const mentoredIn = sector === undefined ? [] : (r.mentored_in ?? []);
        const before =
          mentoredIn.length > 0
            ? ` (mentored before in ${mentoredIn.map((s) => sectorLabelOrCode(s)).join(', ')})`
            : '';
        return {
          rank: r.rank as number,
          code: r.village_code as string,
          name: r.village_name as string,
          kind: r.kind as VillageKind,
          ancestors: [
            { code: r.province_code, name: r.province_name, level: 'province' as const },
            { code: r.regency_code, name: r.regency_name, level: 'regency' as const },
            { code: r.district_code, name: r.district_name, level: 'district' as const },
          ],
          skillsIndex: r.skills_index,
          accessIndex: r.access_index,
          outcomesIndex: r.outcomes_index,
          skillsPercentile: r.skills_percentile,
          mentoredIn,
          // The same sentence as the on-demand query's (queries/mentoring-priorities.ts); the
          // tests hold the two equal.
          reason:
            `Skills index ${r.skills_index.toFixed(2)}, in the lowest ${percent(r.skills_percentile)} of the ` +
            `${withData.toLocaleString('en')} villages ${scope.code === null ? 'in the database' : `of ${scopeName}`} (median ${median.toFixed(2)}), ` +
            `with access index ${r.access_index.toFixed(1)} (>= ${minAccess}): connected but lagging ` +
            `in skills; never mentored${sectorName ? ` in ${sectorName}${before}` : ''}.`,
        };
      }),
  };
}

// Sectors come from the database as strings; a code outside the enum is shown as it is.
function sectorLabelOrCode(code: string): string {
  const parsed = Sector.safeParse(code);
  return parsed.success ? sectorLabel(parsed.data, 'en') : code;
}
