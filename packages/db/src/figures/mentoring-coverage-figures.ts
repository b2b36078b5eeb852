import { sql, type Kysely } from 'kysely';
import { SECTORS, type RegionLevel, type Sector } from '@pandu/domain';
import type { Database } from '../schema/database.js';
import {
  MentoringCoverageInput,
  type CoverageFigures,
  type MentoringCoverage,
} from '../queries/mentoring-coverage.js';
import { mentoringAttendance } from '../queries/mentoring-attendance.js';
import { trustedSql } from '../sql/index.js';
import { figuresFreshFor } from './figures-fresh.js';
import { figureBlock } from './figure-memory.js';
import { sectorKeysSql, storedScopeOf } from './mentoring-stored-scope.js';

/**
 * Store what {@link mentoringCoverage} answers with its default years (all) for the nation and
 * every province, regency and district, each sector and none: one statement over all regions at
 * once. Every (event, village) reach is counted for the village and each of its ancestors (the
 * nation as ''), per sector and for any sector; each scope then gets its own row and one per child
 * region. A sector's coverage is the same figures restricted to that sector, so the stored rows
 * answer `sector` too. Run inside the writing transaction (see refresh-figures.ts).
 */
export async function refreshMentoringCoverageFigures(db: Kysely<Database>): Promise<void> {
  const keys = 1 + SECTORS.length;
  const lists = (column: string) =>
    trustedSql(
      `[${Array.from({ length: keys }, (_, i) => `coalesce(max(${column}) filter (where si = ${i}), 0)`).join(', ')}]`,
    );
  const zeros = trustedSql(`[${Array.from({ length: keys }, () => '0').join(', ')}]`);
  await sql`delete from mentoring_coverage_figures`.execute(db);
  await sql`
    insert into mentoring_coverage_figures
    with reach as (
      select distinct a.event_id, a.village_code, v.province_code, v.regency_code, v.district_code,
        e.participants_total as participants
      from ${mentoringAttendance()} a
      join mentoring_events e on e.id = a.event_id
      join regions v on v.code = a.village_code and v.level = 'village'
    ), reach_sector as (
      select *, '' as sector from reach
      union all
      select r.*, s.sector from reach r join mentoring_event_sectors s on s.event_id = r.event_id
    ), reach_region as (
      select unnest(['', province_code, regency_code, district_code, village_code]) as code,
        sector, event_id, village_code, participants
      from reach_sector
    ), mentored as (
      select code, sector, count(distinct village_code) as villages_mentored
      from reach_region group by all
    ), events as (
      select code, sector, count(*) as events, coalesce(sum(participants), 0) as participants
      from (
        select code, sector, event_id, any_value(participants) as participants
        from reach_region group by all
      ) group by all
    ), village_counts as (
      select code, count(*) as villages from (
        select unnest(['', province_code, regency_code, district_code, code]) as code
        from regions where level = 'village'
      ) group by all
    ), places as (
      select '' as code, '' as name, 'nation' as level, null as parent_code
      union all
      select code, name, level::varchar, coalesce(parent_code, '') from regions
    ), figures as (
      select m.code, (list_position(${sectorKeysSql()}, m.sector) - 1) as si,
        m.villages_mentored, e.events, e.participants
      from mentored m join events e using (code, sector)
    ), lists as (
      -- One list entry per sector key ('' then SECTORS), 0 where nothing reached the region.
      select code,
        ${lists('events')} as events,
        ${lists('villages_mentored')} as villages_mentored,
        ${lists('participants')} as participants
      from figures group by code
    ), rows as (
      select code as scope_code, * from places where level <> 'village'
      union all
      select parent_code as scope_code, * from places where level <> 'nation'
    )
    select r.scope_code, r.code, r.name, r.level, coalesce(c.villages, 0),
      coalesce(l.events, ${zeros}), coalesce(l.villages_mentored, ${zeros}),
      coalesce(l.participants, ${zeros})
    from rows r
    left join village_counts c on c.code = r.code
    left join lists l on l.code = r.code
    order by r.scope_code, r.code`.execute(db);
}

interface StoredRow {
  code: string;
  name: string;
  level: RegionLevel | 'nation';
  villages: number;
  events: number[];
  villages_mentored: number[];
  participants: number[];
}

/**
 * {@link mentoringCoverage}'s answer read from the figures stored when the data were written, in
 * one lookup; null when it is not stored (years chosen, a village's coverage, figures stale or
 * missing) or the input is not valid, and the caller asks `mentoringCoverage`, which answers or
 * throws the right error.
 *
 * @example
 * ```ts
 * const c = (await storedMentoringCoverage(db, { code: '35.05' })) ?? (await mentoringCoverage(db, { code: '35.05' }));
 * ```
 */
export async function storedMentoringCoverage(
  db: Kysely<Database>,
  input: MentoringCoverageInput = {},
): Promise<MentoringCoverage | null> {
  const parsed = MentoringCoverageInput.safeParse(input);
  if (!parsed.success || parsed.data.from !== undefined || parsed.data.to !== undefined) {
    return null;
  }
  const scope = storedScopeOf(parsed.data.code);
  if (scope === null) return null;
  const sector = parsed.data.sector;
  // The scope's rows hold every sector: a read-only version keeps them once read (figureBlock).
  const read = async () =>
    (
      await sql<StoredRow>`
    select code, name, level, villages, events, villages_mentored, participants
    from mentoring_coverage_figures
    where scope_code = ${scope.key} and ${await figuresFreshFor(db)}
    order by code`.execute(db)
    ).rows;
  const rows = await (figureBlock(db, 'mentoring_coverage_figures', scope.key, read) ?? read());
  const self = rows.find((r) => r.code === scope.key);
  if (self === undefined) return null;

  // The stored lists hold one entry per sector key: '' (any sector) first, then SECTORS.
  const keyOf = (s: Sector | undefined) =>
    s === undefined ? 0 : 1 + SECTORS.findIndex((x) => x.code === s);
  const sectors: Sector[] = sector === undefined ? SECTORS.map((s) => s.code) : [sector];
  const figuresOf = (r: StoredRow) => {
    const villages = Number(r.villages);
    const figures = (i: number): CoverageFigures => {
      const mentored = Number(r.villages_mentored[i] ?? 0);
      return {
        events: Number(r.events[i] ?? 0),
        villagesMentored: mentored,
        share: villages > 0 ? mentored / villages : 0,
        participants: Number(r.participants[i] ?? 0),
      };
    };
    return {
      total: figures(keyOf(sector)),
      bySector: sectors.map((s) => ({ sector: s, ...figures(keyOf(s)) })),
    };
  };
  const own = figuresOf(self);
  return {
    code: scope.code,
    level: scope.level,
    sector: sector ?? null,
    from: null,
    to: null,
    villages: Number(self.villages),
    total: own.total,
    bySector: own.bySector,
    byRegion: rows
      .filter((r) => r.code !== scope.key)
      .map((r) => {
        const f = figuresOf(r);
        return {
          code: r.code,
          name: r.name,
          level: r.level as RegionLevel,
          villages: Number(r.villages),
          ...f.total,
          bySector: f.bySector,
        };
      }),
  };
}
