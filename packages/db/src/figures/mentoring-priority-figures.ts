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
import { figuresFreshFor } from './figures-fresh.js';
import { figureBlock } from './figure-memory.js';
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
 * rankings of its four scopes (nation, province, regency, district) at once: percentiles by a
 * window partitioned by scope, the rankings by a bounded top-n per scope and sector. Scopes are
 * numbered (in code order) for the heavy statements; codes and names come in at the end. Run
 * inside the writing transaction.
 */
export async function refreshMentoringPriorityFigures(db: Kysely<Database>): Promise<void> {
  const threshold = COMPLETE_YEAR_COVERAGE;
  const minAccess = ACCESS_SCALE.defaultThreshold;
  await sql`delete from mentoring_priority_figures`.execute(db);
  await sql`delete from mentoring_priority_villages`.execute(db);
  await sql`
    create or replace temp table mentoring_priority_scopes as
    select row_number() over (order by code)::integer - 1 as sid, code, name
    from (
      select '' as code, '' as name
      union all
      select code, name from regions where level in ('province', 'regency', 'district')
    )`.execute(db);
  // Each village's four scopes and whether it was ever mentored, by sector key (0 = any sector,
  // i = the i-th of SECTORS): a village counts as mentored in a sector when it attended (as venue
  // or participant) an event of that sector.
  await sql`
    create or replace temp table mentoring_priority_villages_scopes as
    with mentored as (
      select a.village_code,
        list(distinct (list_position(${sectorKeysSql()}, s.sector) - 1)::tinyint) as sis,
        list(distinct s.sector order by s.sector) as sectors
      from ${mentoringAttendance()} a
      join mentoring_event_sectors s on s.event_id = a.event_id
      group by 1
    )
    select v.code as village_code, [0, p.sid, r.sid, d.sid] as sids, m.sectors, v.name,
      p.code as province_code, p.name as province_name, r.code as regency_code,
      r.name as regency_name, d.code as district_code, d.name as district_name,
      -- The sector keys the village is a candidate for: every sector it was never mentored in,
      -- and 0 when it was mentored in none.
      list_filter(range(${SECTOR_KEYS}), (i) ->
        case when i = 0 then m.sis is null
          else m.sis is null or not list_contains(m.sis, i::tinyint) end) as eligible
    from regions v
    join mentoring_priority_scopes p on p.code = v.province_code
    join mentoring_priority_scopes r on r.code = v.regency_code
    join mentoring_priority_scopes d on d.code = v.district_code
    left join mentored m on m.village_code = v.code
    where v.level = 'village'`.execute(db);
  // The year of each scope, as scopeYearCoverage (queries/year-coverage.ts) chooses it: the latest
  // year complete in the scope (its share of villages with both indices reaches the threshold, or
  // the dataset's does), else the latest with any. Every year of village_index is a candidate.
  await sql`
    create or replace temp table mentoring_priority_years as
    with both_present as (
      select unnest(v.sids) as sid, i.year
      from village_index i join mentoring_priority_villages_scopes v using (village_code)
      where i.skills_index is not null and i.access_index is not null
    ), scope_year as (
      select sid, year, count(*) as villages from both_present group by all
    ), totals as (
      select sid, count(*) as total
      from (select unnest(sids) as sid from mentoring_priority_villages_scopes) group by all
    ), dataset as (
      select y.year, coalesce(b.n, 0) as n,
        (select count(*) from regions where level = 'village') as total
      from (select distinct year from village_index) y
      left join (select year, count(*) as n from both_present where sid = 0 group by 1) b
        on b.year = y.year
    ), coverage as (
      select s.sid, d.year, coalesce(c.villages, 0) as villages,
        case when coalesce(t.total, 0) > 0 then coalesce(c.villages, 0) / t.total else 0 end as share,
        coalesce(t.total, 0) as total, d.n as dataset_n, d.total as dataset_total
      from mentoring_priority_scopes s
      cross join dataset d
      left join scope_year c on c.sid = s.sid and c.year = d.year
      left join totals t on t.sid = s.sid
    ), judged as (
      select *, (total > 0 and share >= ${threshold})
        or (villages > 0 and dataset_total > 0 and dataset_n / dataset_total >= ${threshold}) as complete
      from coverage
    )
    select sid,
      arg_max({ 'year': year, 'villages': villages, 'share': share, 'complete': complete },
        case when complete then 100000 + year else year end) as chosen
    from judged where villages > 0 group by sid`.execute(db);
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
        select unnest(v.sids) as sid, o.year, o.ord, o.village_code, o.kind, o.skills_index,
          o.access_index, o.outcomes_index, v.eligible
        from ordered o join mentoring_priority_villages_scopes v using (village_code)
      ) x
      semi join mentoring_priority_years y on y.sid = x.sid and y.chosen.year = x.year
    )
    select *, cume_dist() over (partition by sid order by skills_index) as percentile
    from scoped`.execute(db);
  // The rankings: per scope and sector key, the candidates (access index at least minAccess)
  // counted and the first 100 kept by min_by's bounded top-n, not a sort of every candidate.
  await sql`
    create or replace temp table mentoring_priority_rankings as
    select sid, si, count(*) as candidates, min_by(ord, ord, ${QUERY_LIMIT_MAX}) as firsts
    from (
      select sid, ord, unnest(eligible) as si from mentoring_priority_ranked
      where access_index >= ${minAccess}
    ) group by all`.execute(db);

  await sql`
    insert into mentoring_priority_figures
    with stats as (
      select sid, count(*) as with_data, median(skills_index) as median
      from mentoring_priority_ranked group by 1
    ), counts as (
      select sid, ${trustedSql(
        `[${Array.from({ length: SECTOR_KEYS }, (_, i) => `coalesce(max(candidates) filter (where si = ${i}), 0)`).join(', ')}]`,
      )}::integer[] as candidates
      from mentoring_priority_rankings group by 1
    )
    select s.code, s.name, y.chosen.year, y.chosen.villages, y.chosen.share, y.chosen.complete,
      ${minAccess}, coalesce(c.candidates, ${trustedSql(`[${Array(SECTOR_KEYS).fill(0).join(', ')}]`)}),
      coalesce(t.with_data, 0), coalesce(t.median, 0)
    from mentoring_priority_years y
    join mentoring_priority_scopes s using (sid)
    left join stats t using (sid)
    left join counts c using (sid)
    order by y.sid`.execute(db);
  await sql`
    insert into mentoring_priority_villages
    with ranks as (
      select sid, ord, [${trustedSql(
        Array.from({ length: SECTOR_KEYS }, (_, i) => `max(rank) filter (where si = ${i})`).join(
          ', ',
        ),
      )}]::integer[] as ranks
      from (
        select sid, si, unnest(firsts) as ord, generate_subscripts(firsts, 1) as rank
        from mentoring_priority_rankings
      ) group by all
    ), picked as materialized (
      select r.sid, r.ord, r.village_code, k.ranks, r.kind, r.skills_index, r.access_index,
        r.outcomes_index, r.percentile
      from ranks k join mentoring_priority_ranked r using (sid, ord)
    )
    select s.code, r.village_code, r.ranks, n.name, r.kind, n.province_code, n.province_name,
      n.regency_code, n.regency_name, n.district_code, n.district_name, r.skills_index,
      r.access_index, r.outcomes_index, r.percentile, n.sectors
    from picked r
    join mentoring_priority_villages_scopes n using (village_code)
    join mentoring_priority_scopes s using (sid)
    order by r.sid, r.ord`.execute(db);
  for (const table of ['scopes', 'villages_scopes', 'years', 'ranked', 'rankings']) {
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

/** A scope's stored ranking figures and its ranked villages of every sector key. */
interface PriorityBlock {
  figures: Omit<StoredRow, 'candidates' | VillageField> & { candidates: number[] };
  villages: Array<Pick<StoredRow, VillageField> & { ranks: Array<number | null> }>;
}

type VillageField = Exclude<
  keyof StoredRow,
  | 'name'
  | 'year'
  | 'year_villages'
  | 'year_share'
  | 'year_complete'
  | 'min_access'
  | 'candidates'
  | 'villages_with_data'
  | 'skills_median'
>;

/** A scope's block, for a read-only version to keep (figureBlock); null when none is stored. */
async function readPriorityBlock(
  db: Kysely<Database>,
  scope: string,
): Promise<PriorityBlock | null> {
  const figures = await sql<PriorityBlock['figures']>`
    select name, year, year_villages, year_share, year_complete, min_access, candidates,
      villages_with_data, skills_median
    from mentoring_priority_figures
    where scope_code = ${scope} and ${await figuresFreshFor(db)}`.execute(db);
  const head = figures.rows[0];
  if (head === undefined) return null;
  const villages = await sql<PriorityBlock['villages'][number]>`
    select ranks, village_code, name as village_name, kind, province_code, province_name,
      regency_code, regency_name, district_code, district_name, skills_index, access_index,
      outcomes_index, skills_percentile, mentored_in
    from mentoring_priority_villages where scope_code = ${scope}`.execute(db);
  return { figures: head, villages: villages.rows };
}

/**
 * The rows of the SQL lookup from a kept block: the villages ranked at most `limit` under the
 * sector key (1-based, as the SQL list index), by rank; one row without a village when none is
 * (the left join's).
 */
function priorityRows(block: PriorityBlock | null, key: number, limit: number): StoredRow[] {
  if (!block) return [];
  const { candidates, ...figures } = block.figures;
  const base = { ...figures, candidates: candidates[key - 1] as number };
  const ranked = block.villages
    .map((v) => ({ v, rank: v.ranks[key - 1] ?? null }))
    .filter(
      (r): r is { v: (typeof block.villages)[number]; rank: number } =>
        r.rank !== null && r.rank <= limit,
    )
    .sort((a, b) => a.rank - b.rank);
  if (ranked.length === 0) {
    return [
      { ...base, rank: null, village_code: null, village_name: null, kind: null } as StoredRow,
    ];
  }
  return ranked.map(({ v, rank }) => {
    const { ranks: _ranks, ...village } = v;
    return { ...base, ...village, rank };
  });
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
  const block = figureBlock(db, 'mentoring_priority_figures', scope.key, () =>
    readPriorityBlock(db, scope.key),
  );
  const rows = block
    ? priorityRows(await block, key, limit)
    : (
        await sql<StoredRow>`
    select f.name, f.year, f.year_villages, f.year_share, f.year_complete, f.min_access,
      f.candidates[${key}] as candidates, f.villages_with_data, f.skills_median,
      v.ranks[${key}] as rank, v.village_code, v.name as village_name, v.kind, v.province_code,
      v.province_name, v.regency_code, v.regency_name, v.district_code, v.district_name,
      v.skills_index, v.access_index, v.outcomes_index, v.skills_percentile, v.mentored_in
    from mentoring_priority_figures f
    left join mentoring_priority_villages v
      on v.scope_code = ${scope.key} and v.ranks[${key}] <= ${limit}
    where f.scope_code = ${scope.key} and ${await figuresFreshFor(db)}
    order by rank`.execute(db)
      ).rows;
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
