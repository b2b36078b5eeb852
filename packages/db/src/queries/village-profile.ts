import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import {
  INDEX_MEASURES,
  VillageCode,
  ancestorCodes,
  parseVillageCode,
  type IndexMeasure,
  type DivideLevel,
  type VillageKind,
} from '@pandu/domain';
import type { Database, SourceKind } from '../schema/database.js';
import { isReadOnlyDatabase, readOnce, readyOnce } from '../open-database.js';
import { UnknownRegionError } from '../errors.js';
import type { RegionRef } from './get-region.js';
import { parseQueryInput } from './parse-query-input.js';
import { regionMemory, type RegionProfileRow } from './region-memory.js';
import { mentoringAttendance, type AttendanceRole } from './mentoring-attendance.js';
import { completeCoverageOf, type CoverageOptions } from './year-coverage.js';

/** A figure of the village in one year beside the means of its district, regency and the nation. */
export interface ProfileYear {
  year: number;
  /** null when the village has no value that year (missing, not imputed). */
  value: number | null;
  /** Where the village's figure comes from; null when it is missing. */
  source: SourceKind | 'mixed' | null;
  /** Mean over the villages of its district, regency, and every village in the database. */
  district: number | null;
  regency: number | null;
  national: number | null;
}

/** One indicator of the framework over the years. */
export interface ProfileIndicator {
  id: string;
  level: DivideLevel;
  /** The ILD pillar, for skills indicators. */
  pillar: string | null;
  label: { id: string; en: string };
  unit: string;
  years: ProfileYear[];
}

/** One composite measure of `village_index` (levels and pillars) over the years. */
export interface ProfileMeasure {
  measure: IndexMeasure;
  years: ProfileYear[];
}

/** Where the village stands by skills index in its district and regency (1 = highest). */
export interface VillageRank {
  measure: 'skills_index';
  /**
   * The latest complete year (see `yearCoverage`) in which the village has a skills index; the
   * latest with one only when no such year is complete.
   */
  year: number;
  value: number;
  /** `rank` of `of` villages with a value; tied villages share the best rank. */
  district: { rank: number; of: number };
  regency: { rank: number; of: number };
}

/** A mentoring event the village hosted or took part in. */
export interface VillageMentoringEvent {
  id: string;
  title: string | null;
  startDate: string;
  endDate: string;
  format: string;
  sectors: string[];
  /** How the village took part: venue, participant, or both. */
  roles: AttendanceRole[];
  venueVillageCode: string;
  venueName: string | null;
  participantsTotal: number | null;
  source: SourceKind;
}

/** Everything the village page shows. */
export interface VillageProfile {
  village: { code: string; name: string; kind: VillageKind };
  /** Province, regency, district. */
  ancestors: RegionRef[];
  /** The raw indicators (from `observations`), in framework order, each year the database has. */
  indicators: ProfileIndicator[];
  /** The composite levels and pillars (from `village_index`), each year the database has. */
  measures: ProfileMeasure[];
  /** null when the village has no skills index in any year. */
  rank: VillageRank | null;
  /** Oldest first. */
  mentoring: VillageMentoringEvent[];
}

/** Means over every village, keyed `id|year`: indicators from observations, measures from the index. */
export interface NationalMeans {
  indicators: Map<string, number | null>;
  measures: Map<string, number | null>;
}

/**
 * Input of {@link villageProfile}: the village's `code`.
 *
 * @example
 * ```ts
 * VillageProfileInput.parse({ code: '35.05.04.2014' });
 * ```
 */
export const VillageProfileInput = z.object({ code: VillageCode });
export type VillageProfileInput = z.input<typeof VillageProfileInput>;

/**
 * A village's page: the village, its ancestors, every indicator and composite measure per year
 * (with the source of each figure) beside its district, regency and national means, its rank by
 * skills index in district and regency, and its mentoring events (as venue or participant).
 * "National" means every village in the database (one province in a test database). Every mean
 * is computed in DuckDB.
 *
 * Throws the domain's `InvalidRegionCodeError` (expected `village`) for a code that is malformed
 * or not a village's, and {@link UnknownRegionError} for a village the database does not hold.
 *
 * @example
 * ```ts
 * const p = await villageProfile(db, { code: '35.05.04.2014' });
 * p.village.name; // 'Plosorejo'
 * p.rank?.district; // { rank: 4, of: 15 }
 * p.mentoring[0].id; // 'kominfo-blitar-2021-11-02'
 * ```
 */
export async function villageProfile(
  db: Kysely<Database>,
  input: VillageProfileInput,
  options: {
    /**
     * The {@link nationalMeans}, when the caller keeps them: they scan every observation and are
     * the same for every village, so a server computes them once per data version (the API's
     * result cache) and hands in how to get them. Called once the input is valid and the village
     * exists; computed here when absent.
     */
    nationalMeans?: () => Promise<NationalMeans>;
  } & CoverageOptions = {},
): Promise<VillageProfile> {
  // parseVillageCode first: a malformed code (or another level's) throws the domain's
  // InvalidRegionCodeError.
  const code = parseVillageCode(input.code);
  parseQueryInput(VillageProfileInput, input);
  const village = await findProfileVillage(db, code);
  if (!village) throw new UnknownRegionError(code);
  const [basics, figures] = await Promise.all([
    readProfileBasics(db, village.code),
    onDemandFigures(db, village, options),
  ]);
  return assembleVillageProfile(village, basics, figures);
}

/** A village as its profile reads it: the regions row, with its district and regency. */
export interface ProfileVillage {
  code: string;
  name: string;
  kind: VillageKind;
  district: string;
  regency: string;
}

/**
 * The village of `code` (a valid village code), or null when the database does not hold it. For
 * {@link villageProfile} and the stored profile (figures/stored-village-profile.ts).
 */
export async function findProfileVillage(
  db: Kysely<Database>,
  code: string,
): Promise<ProfileVillage | null> {
  const row = await db
    .selectFrom('regions')
    .select(['code', 'name', 'kind', 'district_code', 'regency_code'])
    .where('code', '=', code)
    .where('level', '=', 'village')
    .executeTakeFirst();
  if (!row || !row.kind || !row.district_code || !row.regency_code) return null;
  return {
    code: row.code,
    name: row.name,
    kind: row.kind,
    district: row.district_code,
    regency: row.regency_code,
  };
}

/** What a profile shows that no figure is computed for: the same on demand and stored. */
export interface ProfileBasics {
  /** Null when the database does not hold the village. */
  village: ProfileVillage | null;
  ancestors: RegionRef[];
  /** The framework, in order. */
  indicators: ProfileFramework;
  mentoring: VillageMentoringEvent[];
}

/** The indicators of the framework as the profile lists them, in order. */
export type ProfileFramework = Array<{
  id: string;
  level: DivideLevel;
  pillar: string | null;
  label_id: string;
  label_en: string;
  unit: string;
}>;

/**
 * A figure of the village in one year (value and source) beside its district's and regency's
 * means; the national mean is kept apart (see {@link ProfileFigures}).
 */
export interface LocalFigure {
  value: number | null;
  source: ProfileYear['source'];
  district: number | null;
  regency: number | null;
}

/**
 * The figures of a profile, from the on-demand SQL ({@link villageProfile}) or the stored figures
 * (figures/stored-village-profile.ts), which {@link assembleVillageProfile} lays out the same way.
 */
export interface ProfileFigures {
  /** Every year of village_index, ascending. */
  years: number[];
  /** By `indicator|year`; absent where the regency has no observation. */
  indicators: Map<string, LocalFigure>;
  /** By `measure|year`; absent where the regency has no village_index row. */
  measures: Map<string, LocalFigure>;
  national: NationalMeans;
  rank: VillageRank | null;
}

/** The key of {@link ProfileFigures}' maps. */
export function profileKey(id: string, year: number): string {
  return `${id}|${year}`;
}

/**
 * The village (with its ancestors, in one read of regions), the framework and the village's
 * mentoring events, side by side, for a valid village code. The framework is read once per
 * read-only version (it cannot change while the version is open).
 */
export async function readProfileBasics(
  db: Kysely<Database>,
  code: string,
): Promise<ProfileBasics> {
  const regionsQuery = profileRegions(db, [code, ...ancestorCodes(code)]);
  const indicatorsQuery = profileFramework(db);
  const eventsQuery = villageMentoringEvents(db, code);
  const [regions, indicators, events] = await Promise.all([
    regionsQuery,
    indicatorsQuery,
    eventsQuery,
  ]);
  const row = regions.find((r) => r.code === code && r.level === 'village');
  const village =
    row && row.kind && row.district_code && row.regency_code
      ? {
          code: row.code,
          name: row.name,
          kind: row.kind,
          district: row.district_code,
          regency: row.regency_code,
        }
      : null;
  return {
    village,
    ancestors: regions
      .filter((r) => r.code !== code)
      .map((r) => ({ code: r.code, name: r.name, level: r.level })),
    indicators,
    mentoring: events,
  };
}

/**
 * The regions rows of these codes (a village and its ancestors), top level first: from memory for
 * a read-only database (region-memory.ts), else with SQL.
 */
async function profileRegions(
  db: Kysely<Database>,
  codes: readonly string[],
): Promise<RegionProfileRow[]> {
  const memory = await regionMemory(db);
  if (memory) return memory.profileRows(codes);
  return db
    .selectFrom('regions')
    .select(['code', 'name', 'level', 'kind', 'district_code', 'regency_code'])
    .where('code', 'in', [...codes])
    .orderBy(sql`length(code)`)
    .execute();
}

/**
 * The mentoring events of `code`, oldest first. A read-only version (a served one) cannot change
 * while open: every village's events are read once (one grouped read of 45,000 attendances
 * nationally) and kept for the version's life, so a profile asks DuckDB nothing for them; a
 * writable file is asked for the village's every time. Both read the same SQL.
 */
async function villageMentoringEvents(
  db: Kysely<Database>,
  code: string,
): Promise<VillageMentoringEvent[]> {
  // Until a served version's events are in (read in the background after it opens), the
  // village's own are asked, as for a writable file.
  const all = readyOnce(db, EVENTS_KEY, () => readVillageEvents(db, null));
  return (all ?? (await readVillageEvents(db, code))).get(code) ?? [];
}

const EVENTS_KEY = 'profile-mentoring-events';

/** The indicators of the framework in their order, read once for a served version. */
function profileFramework(db: Kysely<Database>) {
  return readOnce(db, 'profile-framework', () =>
    db
      .selectFrom('indicators')
      .select(['id', 'level', 'pillar', 'label_id', 'label_en', 'unit'])
      .orderBy('position')
      .execute(),
  );
}

/**
 * Reads what every profile of a served (read-only) version shares, the framework and every
 * village's mentoring events (about 1 s nationally), before the version serves, so the first
 * village page does not wait for them. Nothing for a writable database (read per village).
 *
 * @example
 * ```ts
 * await prepareProfileBasics(db); // when a served version opens
 * ```
 */
export async function prepareProfileBasics(db: Kysely<Database>): Promise<void> {
  if (!isReadOnlyDatabase(db)) return;
  await Promise.all([
    profileFramework(db),
    readOnce(db, EVENTS_KEY, () => readVillageEvents(db, null)),
  ]);
}

/** The events of `code` (of every village when null), by village, oldest first. */
async function readVillageEvents(
  db: Kysely<Database>,
  code: string | null,
): Promise<Map<string, VillageMentoringEvent[]>> {
  const { rows } = await sql<{
    village_code: string;
    id: string;
    title: string | null;
    start_date: string;
    end_date: string;
    format: string;
    sectors: string[] | null;
    roles: AttendanceRole[];
    venue_village_code: string;
    venue_name: string | null;
    participants_total: number | null;
    source: SourceKind;
  }>`
    select a.village_code, e.id, e.title, e.start_date, e.end_date, e.format,
      (select list(s.sector order by s.sector) from mentoring_event_sectors s where s.event_id = e.id) as sectors,
      list(distinct a.role order by a.role desc) as roles,
      e.venue_village_code, e.venue_name, e.participants_total, e.source
    from ${mentoringAttendance()} a join mentoring_events e on e.id = a.event_id
    where ${code === null ? sql`true` : sql`a.village_code = ${code}`}
    group by all
    order by a.village_code, e.start_date, e.id`.execute(db);
  const byVillage = new Map<string, VillageMentoringEvent[]>();
  for (const e of rows) {
    const list = byVillage.get(e.village_code) ?? [];
    list.push({
      id: e.id,
      title: e.title,
      startDate: e.start_date,
      endDate: e.end_date,
      format: e.format,
      sectors: e.sectors ?? [],
      roles: e.roles,
      venueVillageCode: e.venue_village_code,
      venueName: e.venue_name,
      participantsTotal: e.participants_total,
      source: e.source,
    });
    byVillage.set(e.village_code, list);
  }
  return byVillage;
}

/**
 * The profile of `village` from its basics and figures: every indicator and measure in every
 * year, null where a figure is missing (a measure's source only where the village has a value).
 */
export function assembleVillageProfile(
  village: ProfileVillage,
  basics: ProfileBasics,
  figures: ProfileFigures,
): VillageProfile {
  const { years, national } = figures;
  const yearsOf = (
    id: string,
    local: Map<string, LocalFigure>,
    nationalOf: Map<string, number | null>,
    sourceOnlyWithValue: boolean,
  ): ProfileYear[] =>
    years.map((year) => {
      const l = local.get(profileKey(id, year));
      const value = l?.value ?? null;
      return {
        year,
        value,
        source: sourceOnlyWithValue && value === null ? null : (l?.source ?? null),
        district: l?.district ?? null,
        regency: l?.regency ?? null,
        national: nationalOf.get(profileKey(id, year)) ?? null,
      };
    });
  return {
    village: { code: village.code, name: village.name, kind: village.kind },
    ancestors: basics.ancestors,
    indicators: basics.indicators.map((i) => ({
      id: i.id,
      level: i.level,
      pillar: i.pillar,
      label: { id: i.label_id, en: i.label_en },
      unit: i.unit,
      years: yearsOf(i.id, figures.indicators, national.indicators, false),
    })),
    measures: INDEX_MEASURES.map((measure) => ({
      measure,
      years: yearsOf(measure, figures.measures, national.measures, true),
    })),
    rank: figures.rank,
    mentoring: basics.mentoring,
  };
}

/** The figures of {@link villageProfile}: the reference SQL, over the regency's and every row. */
async function onDemandFigures(
  db: Kysely<Database>,
  village: ProfileVillage,
  options: { nationalMeans?: () => Promise<NationalMeans> } & CoverageOptions,
): Promise<ProfileFigures> {
  const { code, district, regency } = village;
  const threshold = completeCoverageOf(options);
  // Codes sort by segment, so the villages under a region are a contiguous range: 'PP.RR.' up
  // to 'PP.RR/' ('/' follows '.'). A range lets DuckDB skip row groups of the sorted tables.
  const under = (column: string, prefix: string) =>
    sql`${sql.ref(column)} between ${`${prefix}.`} and ${`${prefix}/`}`;

  // Independent queries, run side by side on the pool's connections.
  const yearsQuery = sql<{
    year: number;
  }>`select distinct year::integer as year from village_index order by 1`.execute(db);

  const ownQuery = sql<{ indicator: string; year: number; value: number; source: SourceKind }>`
    select indicator, year::integer as year, value, source from observations
    where village_code = ${code}`.execute(db);
  const localQuery = sql<{
    indicator: string;
    year: number;
    district: number | null;
    regency: number | null;
  }>`
    select indicator, year::integer as year,
      avg(value) filter (where ${under('village_code', district)}) as district,
      avg(value) as regency
    from observations where ${under('village_code', regency)}
    group by all`.execute(db);

  // The measures: one row per year with the village's value and source and the district and
  // regency means of each, over the regency's rows only.
  const measureSql = sql.join(
    INDEX_MEASURES.map(
      (m) => sql`
      max(${sql.ref(m)}) filter (where village_code = ${code}) as ${sql.ref(`${m}__value`)},
      avg(${sql.ref(m)}) filter (where district_code = ${district}) as ${sql.ref(`${m}__district`)},
      avg(${sql.ref(m)}) as ${sql.ref(`${m}__regency`)}`,
    ),
  );
  const measuresQuery = sql<Record<string, number | string | null>>`
    select year::integer as year, max(source) filter (where village_code = ${code}) as source,
      ${measureSql}
    from village_index where ${under('village_code', regency)}
    group by year order by year`.execute(db);
  const rankQuery = sql<{
    year: number;
    value: number;
    district_rank: number;
    district_n: number;
    regency_rank: number;
    regency_n: number;
  }>`
    with complete as (
      -- Years complete in the regency or in the dataset (see yearCoverage): in a partial year
      -- (one village imported for 2027) the village would rank 1 of 1.
      select year from village_index group by year
      having count(skills_index) filter (where ${under('village_code', regency)})
          >= ${threshold} * (select count(*) from regions where level = 'village'
            and ${under('code', regency)})
        or count(skills_index) >= ${threshold} * (select count(*) from regions where level = 'village')
    ), latest as (
      select coalesce(
        (select max(year) from village_index where village_code = ${code}
          and skills_index is not null and year in (select year from complete)),
        (select max(year) from village_index where village_code = ${code}
          and skills_index is not null)) as year
    ), ranked as (
      select village_code, year::integer as year, skills_index as value,
        rank() over (partition by district_code order by skills_index desc)::integer as district_rank,
        count(*) over (partition by district_code)::integer as district_n,
        rank() over (order by skills_index desc)::integer as regency_rank,
        count(*) over ()::integer as regency_n
      from village_index
      where year = (select year from latest) and ${under('village_code', regency)}
        and skills_index is not null
    )
    select year, value, district_rank, district_n, regency_rank, regency_n
    from ranked where village_code = ${code}`.execute(db);

  const [yearRows, own, local, national, measureRows, rankRow] = await Promise.all([
    yearsQuery,
    ownQuery,
    localQuery,
    options.nationalMeans ? options.nationalMeans() : nationalMeans(db),
    measuresQuery,
    rankQuery,
  ]);
  const ownBy = new Map(own.rows.map((r) => [profileKey(r.indicator, r.year), r]));
  const indicators = new Map<string, LocalFigure>();
  for (const l of local.rows) {
    const key = profileKey(l.indicator, l.year);
    const o = ownBy.get(key);
    indicators.set(key, {
      value: o?.value ?? null,
      source: o?.source ?? null,
      district: l.district,
      regency: l.regency,
    });
  }
  const num = (v: unknown) => (typeof v === 'number' ? v : null);
  const measures = new Map<string, LocalFigure>();
  for (const r of measureRows.rows) {
    for (const m of INDEX_MEASURES) {
      measures.set(profileKey(m, Number(r.year)), {
        value: num(r[`${m}__value`]),
        source: (r.source as ProfileYear['source']) ?? null,
        district: num(r[`${m}__district`]),
        regency: num(r[`${m}__regency`]),
      });
    }
  }
  const rk = rankRow.rows[0];
  return {
    years: yearRows.rows.map((r) => r.year),
    indicators,
    measures,
    national,
    rank: rk
      ? {
          measure: 'skills_index',
          year: rk.year,
          value: rk.value,
          district: { rank: rk.district_rank, of: rk.district_n },
          regency: { rank: rk.regency_rank, of: rk.regency_n },
        }
      : null,
  };
}

/**
 * Mean of each indicator and each measure per year over every village, for
 * {@link villageProfile}: a scan of every observation (5M rows, about 50 ms nationally) and of the
 * whole village index (another 40 ms). Not memoised here: the one cache keyed by data version is
 * the API's.
 *
 * @example
 * ```ts
 * const means = await nationalMeans(db);
 * means.indicators.get('digital_skills|2024'); // 3.62
 * ```
 */
export async function nationalMeans(db: Kysely<Database>): Promise<NationalMeans> {
  // A served version is read-only: its national means cannot change while it is open, so they are
  // read once (a scan of every observation) and kept for its life; a writable file every time.
  return readOnce(db, 'national-means', () => readNationalMeans(db));
}

async function readNationalMeans(db: Kysely<Database>): Promise<NationalMeans> {
  const indicators = await sql<{ id: string; year: number; mean: number | null }>`
    select indicator as id, year::integer as year, avg(value) as mean
    from observations group by all`.execute(db);
  const measures = await sql<{ id: string; year: number; mean: number | null }>`
    unpivot (
      select year::integer as year, ${sql.join(INDEX_MEASURES.map((m) => sql`avg(${sql.ref(m)}) as ${sql.ref(m)}`))}
      from village_index group by year
    ) on ${sql.join(INDEX_MEASURES.map((m) => sql.ref(m)))} into name id value mean`.execute(db);
  // Two maps, not one: the pillars are both indicators (observations) and measures (village
  // index) under the same names, and the two means differ once observations change.
  const byKey = (rows: Array<{ id: string; year: number; mean: number | null }>) =>
    new Map(rows.map((r) => [`${r.id}|${r.year}`, r.mean]));
  return { indicators: byKey(indicators.rows), measures: byKey(measures.rows) };
}
