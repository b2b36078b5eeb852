import { sql, type Kysely } from 'kysely';
import { INDEX_MEASURES, parseVillageCode, type IndexMeasure } from '@pandu/domain';
import type { Database, SourceKind } from '../schema/database.js';
import { completeCoverageOf, type CoverageOptions } from '../queries/year-coverage.js';
import {
  VillageProfileInput,
  assembleVillageProfile,
  profileKey,
  prepareProfileBasics,
  readProfileBasics,
  type LocalFigure,
  type ProfileFigures,
  type ProfileYear,
  type VillageProfile,
  type VillageRank,
} from '../queries/village-profile.js';
import type { DuckDBConnection as DuckDBNodeConnection } from '@duckdb/node-api';
import { isReadOnlyDatabase, readOnce, readyOnce } from '../open-database.js';
import { withNativeConnection } from './native-connection.js';
import { NullableColumn, streamRows } from './typed-columns.js';
import { isMissingTable } from './stored-scope.js';
import { figuresFreshFor } from './figures-fresh.js';
import { villageMemory, type VillageIndexRow as MemoryIndexRow } from './village-memory.js';

// villages.profile from the stored figures (issue 14): the regency's and the nation's means and
// coverage counts are one lookup in profile_figures (migrations/2026-12-08T00-profile-figures.ts);
// what is the village's own, and its district's, is read from the rows the on-demand query reads.
// On a served (read-only) version most of it is in memory once its background reads are in: the
// stored rows, every district's observation means, the regency's village_index rows
// (village-memory.ts), the regions and the events, so a profile asks DuckDB for the village's own
// observations only. A writable database (or a served one before then) asks two range queries:
// the district's observations and the regency's village_index rows.

/** The means of one stored row, as the table holds them. */
type MeanList = Array<{ id: string; mean: number | null }>;

interface StoredRow {
  code: string;
  year: number;
  index_rows: number;
  skills_n: number;
  villages: number;
  indicators: MeanList;
  measures: MeanList;
}

/** The village's value of each indicator and year, with its source and its district's mean. */
interface DistrictIndicatorRow {
  indicator: string;
  year: number;
  value: number | null;
  source: SourceKind | null;
  district: number | null;
}

/** A year of the regency's village_index rows: the village's values and ranks, the means. */
type VillageIndexRow = {
  year: number;
  source: SourceKind | null;
  /** Meaningful only where the village has a skills index. */
  district_rank: number;
  district_n: number;
  regency_rank: number;
  regency_n: number;
} & Record<string, number | string | null>;

// Per measure: the village's value, and the means over its district's and its regency's rows of
// the year, as the on-demand query computes them (names from the domain, never input).
const measureAggregates = (code: string, district: string) =>
  sql.join(
    INDEX_MEASURES.map((m) => {
      const column = sql.ref(m);
      return sql`max(${column}) filter (where village_code = ${code}) as ${sql.ref(`${m}__value`)},
        avg(${column}) filter (where district_code = ${district})
          as ${sql.ref(`${m}__district`)},
        avg(${column}) as ${sql.ref(`${m}__regency`)}`;
    }),
  );

/**
 * {@link villageProfile} from the stored figures: the same answer (means to the last bits a
 * reordered sum can change) in a few lookups instead of scans of the regency's observations and of
 * the whole village index. Null when the figures are not fresh (stale, or not computed since
 * profile_figures was added) or the input is not one the on-demand query answers (it throws the
 * right error): the caller then asks {@link villageProfile}.
 *
 * @example
 * ```ts
 * const profile =
 *   (await storedVillageProfile(db, { code: '35.05.04.2014' })) ??
 *   (await villageProfile(db, { code: '35.05.04.2014' }));
 * ```
 */
export async function storedVillageProfile(
  db: Kysely<Database>,
  input: VillageProfileInput,
  options: CoverageOptions = {},
): Promise<VillageProfile | null> {
  const parsed = VillageProfileInput.safeParse(input);
  if (!parsed.success) return null;
  let code: string;
  try {
    code = parseVillageCode(parsed.data.code);
  } catch {
    return null;
  }
  // The district and regency are prefixes of a village code (fixed-width segments), so the
  // figures are read beside the village itself rather than after it; a regions row that says
  // otherwise is left to the on-demand query.
  const [basics, figures] = await Promise.all([
    readProfileBasics(db, code),
    storedProfileFigures(db, code, completeCoverageOf(options)),
  ]);
  const { village } = basics;
  if (!village || !figures) return null;
  if (village.district !== districtOf(code) || village.regency !== regencyOf(code)) return null;
  return assembleVillageProfile(village, basics, figures);
}

/** 'PP.RR.DD' of a village code 'PP.RR.DD.VVVV'. */
function districtOf(code: string): string {
  return code.slice(0, 8);
}

/** 'PP.RR' of a village code. */
function regencyOf(code: string): string {
  return code.slice(0, 5);
}

async function storedProfileFigures(
  db: Kysely<Database>,
  code: string,
  threshold: number,
): Promise<ProfileFigures | null> {
  const district = districtOf(code);
  const regency = regencyOf(code);
  // The stored rows first (a lookup in memory for a served version): when they are stale or
  // missing, the on-demand query answers, and the two scans below would be wasted.
  const stored = await storedRows(db, regency);
  if (!stored) return null;
  const nation = stored.filter((r) => r.code === '');
  if (nation.length === 0) return null;
  const regencyRows = stored.filter((r) => r.code === regency);
  const districtQuery = districtIndicatorRows(db, code, district);
  const indexQuery = regencyIndexRows(db, code, district, regency);

  const [own, index] = await Promise.all([districtQuery, indexQuery]);

  const meansOf = (rows: StoredRow[], pick: 'indicators' | 'measures') => {
    const means = new Map<string, number | null>();
    for (const r of rows) for (const m of r[pick]) means.set(profileKey(m.id, r.year), m.mean);
    return means;
  };
  const regencyIndicators = meansOf(regencyRows, 'indicators');
  const indicators = new Map<string, LocalFigure>();
  for (const r of own) {
    const key = profileKey(r.indicator, r.year);
    indicators.set(key, {
      value: r.value,
      source: r.source,
      district: r.district,
      regency: regencyIndicators.get(key) ?? null,
    });
  }
  // Indicators the regency has but the district has not, that year: the on-demand query's
  // regency mean beside a null district mean.
  for (const [key, mean] of regencyIndicators) {
    if (!indicators.has(key)) {
      indicators.set(key, { value: null, source: null, district: null, regency: mean });
    }
  }

  const num = (v: unknown) => (typeof v === 'number' ? v : null);
  const measures = new Map<string, LocalFigure>();
  for (const r of index) {
    for (const m of INDEX_MEASURES) {
      measures.set(profileKey(m, r.year), {
        value: num(r[`${m}__value`]),
        source: r.source as ProfileYear['source'],
        district: num(r[`${m}__district`]),
        regency: num(r[`${m}__regency`]),
      });
    }
  }

  return {
    // The years of village_index: the nation has a row in each (index_rows 0 marks a year with
    // observations only).
    years: nation.filter((r) => r.index_rows > 0).map((r) => r.year),
    indicators,
    measures,
    national: { indicators: meansOf(nation, 'indicators'), measures: meansOf(nation, 'measures') },
    rank: storedRank(index, nation, regencyRows, threshold),
  };
}

/**
 * The village's observations and its district's mean of each indicator and year. A served
 * (read-only) version holds every district's means in memory (read once, in the background after
 * it opens: one grouped pass over observations, about 437,000 means nationally, 5 MB) and asks
 * DuckDB for the village's own rows only; a writable database, or a served one before its means
 * are in, reads the district's range in one query. Observations are stored year by year, so a
 * district's range spans a row group per year: one village's rows cost about half of its
 * district's (national file, in-process, p50 over 80 villages: 1.7 against 3.8 ms).
 */
async function districtIndicatorRows(
  db: Kysely<Database>,
  code: string,
  district: string,
): Promise<DistrictIndicatorRow[]> {
  const means = readyOnce(db, MEANS_KEY, () => readMeans(db));
  if (means) {
    const own = await sql<{
      indicator: string;
      year: number;
      value: number | null;
      source: SourceKind | null;
    }>`select indicator::varchar as indicator, year::integer as year, value, source
      from observations where village_code = ${code}`.execute(db);
    const values = new Map(own.rows.map((r) => [profileKey(r.indicator, r.year), r]));
    return means.of(district).map(({ indicator, year, mean }) => {
      const mine = values.get(profileKey(indicator, year));
      return {
        indicator,
        year,
        value: mine?.value ?? null,
        source: mine?.source ?? null,
        district: mean,
      };
    });
  }
  const { rows } = await sql<DistrictIndicatorRow>`
    select indicator::varchar as indicator, year::integer as year,
      max(value) filter (where village_code = ${code}) as value,
      max(source) filter (where village_code = ${code}) as source,
      avg(value) as district
    from observations where village_code between ${`${district}.`} and ${`${district}/`}
    group by all`.execute(db);
  return rows;
}

const MEANS_KEY = 'district-observation-means';
const readMeans = (db: Kysely<Database>) => withNativeConnection(db, readDistrictMeans);

/** Every district's mean of each indicator and year (districts by their codes' prefix). */
interface DistrictMeans {
  of(district: string): Array<{ indicator: string; year: number; mean: number | null }>;
}

async function readDistrictMeans(connection: DuckDBNodeConnection): Promise<DistrictMeans> {
  const count = Number(
    (
      await connection.runAndReadAll(
        `select count(*) from (select distinct village_code[1:8], indicator, year from observations)`,
      )
    ).getRows()[0]?.[0] ?? 0,
  );
  const indicators: string[] = [];
  const indicator = new Uint8Array(count);
  const year = new Int16Array(count);
  const mean = new NullableColumn(count);
  const blocks = new Map<string, [number, number]>();
  let current: [number, number] | null = null;
  await streamRows(
    connection,
    `select village_code[1:8] as district, indicator::varchar as indicator, year::integer as year,
       avg(value)::double
     from observations group by all order by district, indicator, year`,
    (i, get) => {
      const d = get(0) as string;
      if (!current || blocks.get(d) !== current) {
        current = [i, i];
        blocks.set(d, current);
      }
      current[1] = i + 1;
      const name = get(1) as string;
      let k = indicators.indexOf(name);
      if (k < 0) k = indicators.push(name) - 1;
      indicator[i] = k;
      year[i] = get(2) as number;
      mean.set(i, get(3));
    },
  );
  return {
    of: (district) => {
      const block = blocks.get(district);
      const out: Array<{ indicator: string; year: number; mean: number | null }> = [];
      if (!block) return out;
      for (let i = block[0]; i < block[1]; i++) {
        out.push({
          indicator: indicators[indicator[i] as number] as string,
          year: year[i] as number,
          mean: mean.at(i),
        });
      }
      return out;
    },
  };
}

/**
 * Per year of the regency's village_index rows: the village's values, its district's and
 * regency's means (as the on-demand query), and the village's ranks by skills index: a rank is 1 +
 * the villages with a higher index (rank()'s ties), counted against the village's own index. From
 * memory for a served version (village-memory.ts), else one query: cheaper than window functions
 * that rank every village (about 4.5 against 6 ms measured nationally), the regency's rows read
 * once (materialized) for both.
 */
async function regencyIndexRows(
  db: Kysely<Database>,
  code: string,
  district: string,
  regency: string,
): Promise<VillageIndexRow[]> {
  const memory = await villageMemory(db);
  if (memory) return indexRowsOf(memory.indexRows('regency', regency), code, district);
  const { rows } = await sql<VillageIndexRow>`
    with regency as materialized (
      select year, village_code, district_code, source, ${sql.join(INDEX_MEASURES.map((m) => sql.ref(m)))}
      from village_index where village_code between ${`${regency}.`} and ${`${regency}/`}
    ), own as (
      select year, skills_index as own_index from regency where village_code = ${code}
    )
    select year::integer as year, max(source) filter (where village_code = ${code}) as source,
      ${measureAggregates(code, district)},
      (count(*) filter (where district_code = ${district} and skills_index > own_index) + 1)::integer
        as district_rank,
      count(skills_index) filter (where district_code = ${district})::integer as district_n,
      (count(*) filter (where skills_index > own_index) + 1)::integer as regency_rank,
      count(skills_index)::integer as regency_n
    from regency left join own using (year)
    group by year order by year`.execute(db);
  return rows;
}

/** {@link regencyIndexRows} of the regency's rows in memory, as its SQL computes them. */
function indexRowsOf(
  rows: readonly MemoryIndexRow[],
  code: string,
  district: string,
): VillageIndexRow[] {
  const years = [...new Set(rows.map((r) => r.year))].sort((a, b) => a - b);
  return years.map((year) => {
    const ofYear = rows.filter((r) => r.year === year);
    const own = ofYear.find((r) => r.village_code === code);
    const inDistrict = ofYear.filter((r) => r.district_code === district);
    const mean = (list: readonly MemoryIndexRow[], m: IndexMeasure) => {
      let total = 0;
      let n = 0;
      for (const r of list) {
        const v = r[m];
        if (v !== null) {
          total += v;
          n++;
        }
      }
      return n > 0 ? total / n : null;
    };
    const ownIndex = own?.skills_index ?? null;
    const higher = (list: readonly MemoryIndexRow[]) =>
      ownIndex === null
        ? 0
        : list.filter((r) => r.skills_index !== null && r.skills_index > ownIndex).length;
    const counted = (list: readonly MemoryIndexRow[]) =>
      list.filter((r) => r.skills_index !== null).length;
    const out: VillageIndexRow = {
      year,
      source: own?.source ?? null,
      district_rank: higher(inDistrict) + 1,
      district_n: counted(inDistrict),
      regency_rank: higher(ofYear) + 1,
      regency_n: counted(ofYear),
    } as VillageIndexRow;
    for (const m of INDEX_MEASURES) {
      out[`${m}__value`] = own?.[m] ?? null;
      out[`${m}__district`] = mean(inDistrict, m);
      out[`${m}__regency`] = mean(ofYear, m);
    }
    return out;
  });
}

/**
 * Reads what every stored profile of a served (read-only) version shares before it serves: the
 * stored profile rows, every district's observation means, the framework and every village's
 * mentoring events (prepareProfileBasics),
 * so the first village page after a publish does not wait about a second for them.
 *
 * @example
 * ```ts
 * await prepareVillageProfile(db); // when a served version opens
 * ```
 */
export async function prepareVillageProfile(db: Kysely<Database>): Promise<void> {
  if (!isReadOnlyDatabase(db)) return;
  await Promise.all([
    prepareProfileBasics(db),
    readOnce(db, 'profile-figures', () => readStoredRows(db, null)),
    readOnce(db, MEANS_KEY, () => readMeans(db)),
  ]);
}

/**
 * The stored rows of the nation and `regency`, or null when the figures are not fresh or the
 * table does not exist. A read-only version (a served one) cannot change while open: its whole
 * table (3,090 rows nationally, a few MB as objects) is read once and kept for the version's life,
 * so a profile asks DuckDB nothing for them once it is in; a writable file (or a served one before
 * then) is asked every time.
 */
async function storedRows(db: Kysely<Database>, regency: string): Promise<StoredRow[] | null> {
  const all = readyOnce(db, 'profile-figures', () => readStoredRows(db, null));
  if (all === undefined) return readStoredRows(db, regency);
  return all && all.filter((r) => r.code === '' || r.code === regency);
}

/** profile_figures rows of the nation and `regency` (every row when null), null when not fresh. */
async function readStoredRows(
  db: Kysely<Database>,
  regency: string | null,
): Promise<StoredRow[] | null> {
  const codes = regency === null ? sql`true` : sql`code in ('', ${regency})`;
  try {
    const { rows } = await sql<StoredRow>`
      select code, year::integer as year, index_rows, skills_n, villages, indicators, measures
      from profile_figures where ${codes} and coalesce(${await figuresFreshFor(db)}, false)
      order by code, year`.execute(db);
    return rows.length === 0 ? null : rows;
  } catch (error) {
    // A version written before this table existed, served read-only before its upgrade: nothing
    // is stored there.
    if (isMissingTable(error, /^profile_figures$/)) return null;
    throw error;
  }
}

/**
 * The village's rank in its latest complete year with a skills index (the latest with one when no
 * such year is complete), as the on-demand query picks it: a year is complete where the regency's
 * or the dataset's villages with a skills index reach `threshold` of their villages.
 */
function storedRank(
  index: VillageIndexRow[],
  nation: StoredRow[],
  regency: StoredRow[],
  threshold: number,
): VillageRank | null {
  const regencyVillages = regency[0]?.villages ?? 0;
  const regencyByYear = new Map(regency.map((r) => [r.year, r]));
  const complete = new Set(
    nation
      .filter((n) => n.index_rows > 0)
      .filter(
        (n) =>
          (regencyByYear.get(n.year)?.skills_n ?? 0) >= threshold * regencyVillages ||
          n.skills_n >= threshold * n.villages,
      )
      .map((n) => n.year),
  );
  const ranked = index.filter((r) => typeof r.skills_index__value === 'number');
  const chosen = ranked.filter((r) => complete.has(r.year)).at(-1) ?? ranked.at(-1);
  if (!chosen) return null;
  return {
    measure: 'skills_index',
    year: chosen.year,
    value: chosen.skills_index__value as number,
    district: { rank: chosen.district_rank, of: chosen.district_n },
    regency: { rank: chosen.regency_rank, of: chosen.regency_n },
  };
}
