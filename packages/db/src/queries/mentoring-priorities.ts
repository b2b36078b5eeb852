import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import {
  MEASURE_SCALES,
  RegionCode,
  Sector,
  sectorLabel,
  type RegionLevel,
  type VillageKind,
} from '@pandu/domain';
import type { Database } from '../schema/database.js';
import { NoDataError } from '../errors.js';
import { assertRegionExists } from './assert-region-exists.js';
import type { RegionRef } from './get-region.js';
import { mentoringAttendance } from './mentoring-attendance.js';
import { parseQueryInput } from './parse-query-input.js';
import { QueryLimit } from './query-fields.js';
import { kindFilter, regionScope } from '../sql/index.js';
import {
  completeCoverageOf,
  scopeYearCoverage,
  type CoverageOptions,
  type YearCoverage,
} from './year-coverage.js';

const ACCESS_SCALE = MEASURE_SCALES.access_index;

/**
 * Input of {@link mentoringPriorities}: the region (`code`, the nation when absent), villages
 * never mentored in a `sector` (they may have been in others), at most `limit` villages (1 to
 * 100, default 20), and the lowest access index that counts as "the signal is there" (`minAccess`,
 * in the access scale 0-100, default 50).
 *
 * @example
 * ```ts
 * MentoringPrioritiesInput.parse({ code: '35.05', sector: 'umkm', limit: 10 });
 * ```
 */
export const MentoringPrioritiesInput = z.object({
  code: RegionCode.optional(),
  sector: Sector.optional(),
  limit: QueryLimit.optional(),
  minAccess: z.number().min(ACCESS_SCALE.min).max(ACCESS_SCALE.max).optional(),
});
export type MentoringPrioritiesInput = z.input<typeof MentoringPrioritiesInput>;

/** A village proposed for the next mentoring visit. */
export interface PriorityVillage {
  /** 1 = visit first. */
  rank: number;
  code: string;
  name: string;
  kind: VillageKind;
  /** Province, regency, district. */
  ancestors: RegionRef[];
  skillsIndex: number;
  accessIndex: number;
  outcomesIndex: number | null;
  /** Share of the scope's villages with a skills index at or below this one (0-1]. */
  skillsPercentile: number;
  /** Sectors the village was mentored in before (only when ranking for one sector). */
  mentoredIn: string[];
  /** Which numbers made it rank, in a sentence. */
  reason: string;
}

export interface MentoringPriorities {
  code: string | null;
  level: RegionLevel | 'nation';
  sector: Sector | null;
  /**
   * The latest complete year with a skills and an access index in the scope (see `yearCoverage`):
   * the figures are this year's. Only when no year is complete, the latest year with any.
   */
  year: number;
  /** How many of the scope's villages have both indices in `year`, their share, and if complete. */
  coverage: YearCoverage;
  minAccess: number;
  /** The ranking rule, in words. */
  rule: string;
  /** Villages that pass the rule's filters; `villages` are the first `limit` of them. */
  candidates: number;
  /** Villages of the scope with a skills index that year (what the percentile is out of). */
  villagesWithData: number;
  skillsMedian: number;
  villages: PriorityVillage[];
}

const percent = (x: number) =>
  `${(100 * x).toLocaleString('en', { maximumFractionDigits: x < 0.1 ? 1 : 0 })}%`;

/**
 * Villages ranked for the next Pandu Digital visit. The rule: in the latest complete year, take
 * the scope's villages whose access index is at least `minAccess` (default 50: signal, office
 * internet and households online are there, so mentoring has something to build on) and that were
 * never mentored (in `sector`, when given; at all otherwise), and rank them by skills index, lowest
 * first; ties go to the better connected village, then by code. Each comes with its values, its
 * skills percentile in the scope and a one-sentence reason. Computed in DuckDB.
 *
 * Throws the domain's `InvalidRegionCodeError`, `UnknownRegionError`, `QueryInputError`
 * (sector, limit, minAccess) or {@link NoDataError} when the scope has no year with both indices.
 *
 * @example
 * ```ts
 * const p = await mentoringPriorities(db, { code: '35.05', sector: 'umkm', limit: 5 });
 * p.villages[0].reason;
 * // 'Skills index 3.12, in the lowest 1% of the 245 villages of Kabupaten Blitar (median 3.66),
 * //  with access index 61.2 (>= 50): connected but lagging in skills; never mentored in UMKM.'
 * ```
 */
export async function mentoringPriorities(
  db: Kysely<Database>,
  input: MentoringPrioritiesInput = {},
  options?: CoverageOptions,
): Promise<MentoringPriorities> {
  // The code first, so a malformed one throws the domain's InvalidRegionCodeError.
  const scope = regionScope(input.code);
  const parsed = parseQueryInput(MentoringPrioritiesInput, input);
  const sector = parsed.sector;
  const limit = parsed.limit ?? 20;
  const minAccess = parsed.minAccess ?? ACCESS_SCALE.defaultThreshold;
  const threshold = completeCoverageOf(options);
  await assertRegionExists(db, scope);

  // Not max(year): one village's values imported for 2027 would make the ranking a ranking of
  // that village alone. The latest complete year, else (no year complete) the latest with data.
  const years = await scopeYearCoverage(
    db,
    scope,
    kindFilter('all'),
    sql`case when skills_index is not null and access_index is not null then 1 end`,
    threshold,
  );
  const present = years.filter((c) => c.villages > 0);
  const chosen = present.filter((c) => c.complete).at(-1) ?? present.at(-1) ?? null;
  const year = chosen?.year ?? null;
  if (chosen === null || year === null) {
    throw new NoDataError(
      `no year with a skills and an access index in ${scope.code ?? 'the nation'}`,
    );
  }

  const rows = await sql<{
    code: string;
    name: string;
    kind: VillageKind;
    skills_index: number;
    access_index: number;
    outcomes_index: number | null;
    percentile: number;
    candidates: number;
    mentored_in: string[] | null;
    province_code: string;
    province_name: string;
    regency_code: string;
    regency_name: string;
    district_code: string;
    district_name: string;
  }>`
    with scoped as (
      select village_code, province_code, regency_code, district_code, kind,
        skills_index, access_index, outcomes_index
      from village_index
      where year = ${year} and ${scope.where} and skills_index is not null
    ), ranked as (
      select *, cume_dist() over (order by skills_index) as percentile from scoped
    ), mentored as (
      select distinct a.village_code, s.sector
      from ${mentoringAttendance()} a
      join mentoring_event_sectors s on s.event_id = a.event_id
    ), candidates as (
      select r.*, count(*) over () as candidates from ranked r
      where r.access_index >= ${minAccess}
        and not exists (
          select 1 from mentored m where m.village_code = r.village_code
          ${sector === undefined ? sql`` : sql`and m.sector = ${sector}`}
        )
      order by r.skills_index, r.access_index desc, r.village_code
      limit ${limit}
    )
    select c.village_code as code, v.name, c.kind, c.skills_index, c.access_index, c.outcomes_index,
      c.percentile, c.candidates::integer as candidates,
      (select list(distinct m.sector order by m.sector) from mentored m
        where m.village_code = c.village_code) as mentored_in,
      p.code as province_code, p.name as province_name, g.code as regency_code,
      g.name as regency_name, d.code as district_code, d.name as district_name
    from candidates c
    join regions v on v.code = c.village_code
    join regions p on p.code = c.province_code
    join regions g on g.code = c.regency_code
    join regions d on d.code = c.district_code
    order by c.skills_index, c.access_index desc, c.village_code`.execute(db);

  const counts = await sql<{ with_data: number; median: number | null }>`
    select count(*)::integer as with_data, median(skills_index) as median from village_index
    where year = ${year} and ${scope.where} and skills_index is not null`.execute(db);
  const withData = counts.rows[0]?.with_data ?? 0;
  const median = counts.rows[0]?.median ?? 0;
  const scopeName =
    scope.code === undefined
      ? 'the nation'
      : ((
          await db
            .selectFrom('regions')
            .select('name')
            .where('code', '=', scope.code)
            .executeTakeFirst()
        )?.name ?? scope.code);
  const sectorName = sector === undefined ? undefined : sectorLabel(sector, 'en');
  const rule =
    `Villages with an access index of at least ${minAccess} in ${year} (connected, so mentoring ` +
    `has something to build on), never mentored${sectorName ? ` in ${sectorName}` : ''}, ranked by ` +
    'skills index, lowest first; ties to the higher access index, then by code.';

  return {
    code: scope.code ?? null,
    level: scope.level,
    sector: sector ?? null,
    year,
    coverage: chosen,
    minAccess,
    rule,
    candidates: rows.rows[0]?.candidates ?? 0,
    villagesWithData: withData,
    skillsMedian: median,
    villages: rows.rows.map((r, i) => {
      const mentoredIn = sector === undefined ? [] : (r.mentored_in ?? []);
      const before =
        mentoredIn.length > 0
          ? ` (mentored before in ${mentoredIn.map((s) => sectorLabelOrCode(s)).join(', ')})`
          : '';
      return {
        rank: i + 1,
        code: r.code,
        name: r.name,
        kind: r.kind,
        ancestors: [
          { code: r.province_code, name: r.province_name, level: 'province' },
          { code: r.regency_code, name: r.regency_name, level: 'regency' },
          { code: r.district_code, name: r.district_name, level: 'district' },
        ],
        skillsIndex: r.skills_index,
        accessIndex: r.access_index,
        outcomesIndex: r.outcomes_index,
        skillsPercentile: r.percentile,
        mentoredIn,
        reason:
          `Skills index ${r.skills_index.toFixed(2)}, in the lowest ${percent(r.percentile)} of the ` +
          `${withData.toLocaleString('en')} villages ${scope.code === undefined ? 'in the database' : `of ${scopeName}`} (median ${median.toFixed(2)}), ` +
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
