import { sql, type Kysely, type RawBuilder } from 'kysely';
import { z } from 'zod';
import { ObservationYear, RegionCode, SECTORS, Sector, type RegionLevel } from '@pandu/domain';
import type { Database } from '../schema/database.js';
import { assertRegionExists } from './assert-region-exists.js';
import { mentoringAttendance } from './mentoring-attendance.js';
import { parseQueryInput } from './parse-query-input.js';
import { QueryInputError } from './query-input-error.js';
import { regionScope } from '../sql/index.js';

/**
 * Input of {@link mentoringCoverage}: the region (`code`, the nation when absent), only events in
 * a `sector`, and the first and last year of events by start date (`from`, `to`, inclusive;
 * `to` must not be before `from`, which the query checks: a plain object schema stays
 * extendable).
 *
 * @example
 * ```ts
 * MentoringCoverageInput.parse({ code: '35.05', sector: 'umkm', from: 2021 });
 * ```
 */
export const MentoringCoverageInput = z.object({
  code: RegionCode.optional(),
  sector: Sector.optional(),
  from: ObservationYear.optional(),
  to: ObservationYear.optional(),
});
export type MentoringCoverageInput = z.input<typeof MentoringCoverageInput>;

/** How far mentoring reached a set of villages. */
export interface CoverageFigures {
  /** Distinct events that reached at least one of the villages (as venue or participant). */
  events: number;
  /** Distinct villages that were the venue of, or took part in, at least one event. */
  villagesMentored: number;
  /** villagesMentored / villages (0 when there are no villages). */
  share: number;
  /** Sum of the reported participant totals of those events (an event without a total adds 0). */
  participants: number;
}

export interface SectorCoverage extends CoverageFigures {
  sector: Sector;
}

export interface RegionCoverage extends CoverageFigures {
  code: string;
  name: string;
  level: RegionLevel;
  /** Villages in the region. */
  villages: number;
  bySector: SectorCoverage[];
}

/** Mentoring coverage of a region: per sector, per child region, and in total. */
export interface MentoringCoverage {
  code: string | null;
  level: RegionLevel | 'nation';
  sector: Sector | null;
  from: number | null;
  to: number | null;
  /** Villages in the scope. */
  villages: number;
  total: CoverageFigures;
  /** One entry per sector (only the chosen one when `sector` is given), in SECTORS order. */
  bySector: SectorCoverage[];
  /** Every child region of the scope (provinces for the nation, villages for a district), by code. */
  byRegion: RegionCoverage[];
}

interface Row {
  grouping: 'all' | 'sector' | 'child' | 'child_sector';
  child: string | null;
  sector: string | null;
  events: number;
  villages_mentored: number;
  participants: number;
}

/**
 * Mentoring coverage of a region's villages: events, villages mentored (distinct, as venue or
 * participant), their share of the villages, and participants, per sector and per child region,
 * plus totals. An event counts wherever it reached a village: one that reached villages in two
 * child regions counts in both, and one with four sectors in each of the four, so the parts can
 * add up to more than the total (totals count every event and village once). Participants are
 * the events' reported totals and cannot be split by village; a child region's figure is that of
 * the events that reached it. Computed in DuckDB.
 *
 * Throws the domain's `InvalidRegionCodeError`, `UnknownRegionError`, or {@link QueryInputError}
 * (an unknown sector, a year that is not an integer, `from` after `to`).
 *
 * @example
 * ```ts
 * const c = await mentoringCoverage(db, { code: '35.05', sector: 'umkm' });
 * c.total; // { events: 5, villagesMentored: 24, share: 0.097, participants: 240 }
 * c.byRegion[3]; // Kademangan's figures
 * ```
 */
export async function mentoringCoverage(
  db: Kysely<Database>,
  input: MentoringCoverageInput = {},
): Promise<MentoringCoverage> {
  // The code first, so a malformed one throws the domain's InvalidRegionCodeError.
  const scope = regionScope(input.code);
  const { sector, from, to } = parseQueryInput(MentoringCoverageInput, input);
  if (from !== undefined && to !== undefined && from > to) {
    throw new QueryInputError('to', `must not be before from (${from}), got ${to}`);
  }
  await assertRegionExists(db, scope);
  const child = scope.childColumn;
  // In `regions`, a village's own code is `code`; for a village scope the "child" is itself.
  const childOf = child === undefined || child === 'village_code' ? 'code' : child;

  const eventFilter: RawBuilder<boolean>[] = [sql`true`];
  if (from !== undefined) eventFilter.push(sql`year(e.start_date) >= ${from}`);
  if (to !== undefined) eventFilter.push(sql`year(e.start_date) <= ${to}`);
  if (sector !== undefined) {
    eventFilter.push(
      sql`exists (select 1 from mentoring_event_sectors s where s.event_id = e.id and s.sector = ${sector})`,
    );
  }
  const grouping = (name: Row['grouping'], byChild: boolean, bySector: boolean) => {
    const keys = [byChild ? sql`child` : sql`null`, bySector ? sql`sector` : sql`null`];
    const groupBy = [...(byChild ? [sql`child`] : []), ...(bySector ? [sql`sector`] : [])];
    const by = groupBy.length > 0 ? sql`group by ${sql.join(groupBy)}` : sql``;
    const byEvent = sql.join([...groupBy, sql`event_id`]);
    const source = bySector ? sql`reach_sector` : sql`reach`;
    return sql`
      select ${sql.lit(name)} as grouping, v.child, v.sector, coalesce(e.events, 0) as events,
        v.villages_mentored, coalesce(e.participants, 0) as participants
      from (
        select ${keys[0]} as child, ${keys[1]} as sector,
          count(distinct village_code) as villages_mentored
        from ${source} ${by}
      ) v
      left join (
        select ${keys[0]} as child, ${keys[1]} as sector, count(*) as events,
          coalesce(sum(participants), 0) as participants
        from (select ${byEvent}, any_value(participants) as participants from ${source} group by ${byEvent})
        ${by}
      ) e on e.child is not distinct from v.child and e.sector is not distinct from v.sector`;
  };

  const result = await sql<Row>`
    with chosen_events as (
      select e.id, e.participants_total from mentoring_events e where ${sql.join(eventFilter, sql` and `)}
    ), scope_villages as (
      select code, ${sql.ref(childOf)} as child from regions where ${scope.villagesWhere}
    ), reach as (
      select distinct a.event_id, a.village_code, v.child, e.participants_total as participants
      from ${mentoringAttendance()} a
      join chosen_events e on e.id = a.event_id
      join scope_villages v on v.code = a.village_code
    ), reach_sector as (
      select r.*, s.sector from reach r
      join mentoring_event_sectors s on s.event_id = r.event_id
      ${sector === undefined ? sql`` : sql`where s.sector = ${sector}`}
    )
    ${grouping('all', false, false)}
    union all ${grouping('sector', false, true)}
    union all ${grouping('child', true, false)}
    union all ${grouping('child_sector', true, true)}`.execute(db);

  const villageCounts = await sql<{
    child: string;
    name: string;
    level: RegionLevel;
    villages: number;
  }>`
    with counts as (
      select ${sql.ref(childOf)} as child, count(*)::integer as villages
      from regions where ${scope.villagesWhere} group by 1
    )
    select r.code as child, r.name, r.level, coalesce(c.villages, 0)::integer as villages
    from regions r left join counts c on c.child = r.code
    where ${
      scope.code === undefined
        ? sql`r.level = 'province'`
        : child === undefined
          ? sql`r.code = ${scope.code}`
          : sql`r.parent_code = ${scope.code}`
    }
    order by r.code`.execute(db);

  const byKey = new Map(result.rows.map((r) => [`${r.grouping}|${r.child}|${r.sector}`, r]));
  const find = (g: Row['grouping'], childCode: string | null, s: string | null) =>
    byKey.get(`${g}|${childCode}|${s}`);
  const figures = (villages: number, row: Row | undefined): CoverageFigures => {
    const mentored = Number(row?.villages_mentored ?? 0);
    return {
      events: Number(row?.events ?? 0),
      villagesMentored: mentored,
      share: villages > 0 ? mentored / villages : 0,
      participants: Number(row?.participants ?? 0),
    };
  };
  const sectors = sector === undefined ? SECTORS.map((s) => s.code) : [sector];
  // For a village scope the query above returns the village itself: its count, not a child.
  const villages = villageCounts.rows.reduce((sum, r) => sum + r.villages, 0);
  const children = child === undefined ? [] : villageCounts.rows;

  return {
    code: scope.code ?? null,
    level: scope.level,
    sector: sector ?? null,
    from: from ?? null,
    to: to ?? null,
    villages,
    total: figures(villages, find('all', null, null)),
    bySector: sectors.map((s) => ({ sector: s, ...figures(villages, find('sector', null, s)) })),
    byRegion: children.map((r) => ({
      code: r.child,
      name: r.name,
      level: r.level,
      villages: r.villages,
      ...figures(r.villages, find('child', r.child, null)),
      bySector: sectors.map((s) => ({
        sector: s,
        ...figures(r.villages, find('child_sector', r.child, s)),
      })),
    })),
  };
}
