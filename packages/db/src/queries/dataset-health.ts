import { sql, type Kysely } from 'kysely';
import { INDEX_MEASURES, type IndexMeasure } from '@pandu/domain';
import type { Database } from '../schema/database.js';
import { isReadOnlyDatabase, readOnce } from '../open-database.js';
import { DEFAULT_MEASURE, parseDataVersion } from '../sql/index.js';
import {
  completeCoverageOf,
  coverageOf,
  latestCompleteYear,
  type CoverageOptions,
  type YearCoverage,
} from './year-coverage.js';

/** Every table of a Pandu database, in the order `datasetHealth` reports them. */
export const DATABASE_TABLES = [
  'regions',
  'indicators',
  'observations',
  'village_index',
  'published_figures',
  'mentoring_events',
  'mentoring_event_sectors',
  'mentoring_event_villages',
  'mentoring_event_participants',
  'volunteers',
  'planted_effects',
  'import_batches',
  'dataset_meta',
  'audit_log',
  'region_population',
] as const satisfies ReadonlyArray<keyof Database>;

/** What a health check or a cache key needs to know about the database. */
export interface DatasetHealth {
  /** The DuckDB file (null for an in-memory database). */
  file: string | null;
  /** Bumped by every import: cache results by it. null when the database was never seeded. */
  dataVersion: number | null;
  /** Seed of the synthetic default dataset; null when none was recorded. */
  seed: number | null;
  /** True when the values are (partly) the synthetic default dataset, not measurements. */
  synthetic: boolean;
  /** Provinces the dataset was seeded with: 'all', or their codes. */
  provinces: 'all' | string[] | null;
  /**
   * First and last year with observations, every year that has some, how many villages have a
   * skills index in each (`coverage`, with their share of the villages held), and `complete`: the
   * latest year at least `completeCoverage` of the villages have, the year a view
   * shows by default (a year with a few imported values is partial, not the default).
   */
  years: {
    first: number;
    last: number;
    list: number[];
    coverage: YearCoverage[];
    complete: number | null;
    /** The share of villages a year needs to be complete (`completeCoverage`, default 0.9). */
    completeCoverage: number;
    /**
     * The same per measure: a year can be complete for the skills pillars and partial for the
     * access index (an import of the four pillars alone). Every measure of `INDEX_MEASURES`.
     */
    byMeasure: Record<IndexMeasure, { coverage: YearCoverage[]; complete: number | null }>;
    /**
     * The last year of the published national ILD (`published_figures`); null when none is stored.
     * Synthetic values after it are extrapolated from the calibrated trend.
     */
    lastPublished: number | null;
    /** Years after `lastPublished` whose values are (partly) synthetic: extrapolated, not measured. */
    extrapolated: number[];
  } | null;
  /** Rows per table. */
  rows: Record<(typeof DATABASE_TABLES)[number], number>;
  /** Every `dataset_meta` entry, as stored. */
  meta: Record<string, string>;
}

/**
 * Row counts per table, data version, seed, years covered and the synthetic flag (from
 * `dataset_meta`). A handful of small queries; the 5M-row count is a metadata read for DuckDB.
 *
 * @example
 * ```ts
 * const health = await datasetHealth(db);
 * health.dataVersion; // 1
 * health.rows.village_index; // 502,572 for the national default dataset
 * ```
 */
export async function datasetHealth(
  db: Kysely<Database>,
  options?: CoverageOptions,
): Promise<DatasetHealth> {
  // A served version is read-only: what it holds cannot change while it is open, so its health
  // is read once per coverage threshold and kept for its life (a new import is a new version,
  // opened anew); callers get copies. A writable database is read every time.
  const threshold = completeCoverageOf(options);
  const health = await readOnce(db, `health:${threshold}`, () => readDatasetHealth(db, options));
  return isReadOnlyDatabase(db) ? structuredClone(health) : health;
}

async function readDatasetHealth(
  db: Kysely<Database>,
  options?: CoverageOptions,
): Promise<DatasetHealth> {
  const counts = await sql<{ table_name: string; n: number }>`${sql.join(
    DATABASE_TABLES.map(
      (table) => sql`select ${table} as table_name, count(*)::bigint as n from ${sql.table(table)}`,
    ),
    sql` union all `,
  )}`.execute(db);
  const rows = Object.fromEntries(DATABASE_TABLES.map((t) => [t, 0])) as DatasetHealth['rows'];
  for (const r of counts.rows) {
    if ((DATABASE_TABLES as readonly string[]).includes(r.table_name)) {
      rows[r.table_name as keyof DatasetHealth['rows']] = Number(r.n);
    }
  }

  const metaRows = await db.selectFrom('dataset_meta').select(['key', 'value']).execute();
  const meta = Object.fromEntries(metaRows.map((r) => [r.key, r.value]));
  const threshold = completeCoverageOf(options);
  // One pass over village_index: every measure's count per year, and whether the year holds
  // synthetic values (to tell extrapolated years from imported ones).
  const years = await sql<
    Record<IndexMeasure, number> & { year: number; total: number; synthetic: number }
  >`
    select year::integer as "year",
      ${sql.join(INDEX_MEASURES.map((m) => sql`count(${sql.ref(m)})::integer as ${sql.ref(m)}`))},
      count(*) filter (where source in ('synthetic', 'mixed'))::integer as "synthetic",
      (select count(*) from regions where level = 'village')::integer as "total"
    from village_index group by year order by year`.execute(db);
  const list = years.rows.map((r) => r.year);
  const byMeasure = Object.fromEntries(
    INDEX_MEASURES.map((m) => {
      const coverage = years.rows.map((r) => coverageOf(r.year, r[m], r.total, threshold));
      return [m, { coverage, complete: latestCompleteYear(coverage) }];
    }),
  ) as Record<IndexMeasure, { coverage: YearCoverage[]; complete: number | null }>;
  const published = await sql<{ year: number | null }>`
    select max(year)::integer as "year" from published_figures
    where dataset = 'ild' and region_code is null and measure = 'index'`.execute(db);
  const lastPublished = published.rows[0]?.year ?? null;
  const extrapolated =
    lastPublished === null
      ? []
      : years.rows.filter((r) => r.year > lastPublished && r.synthetic > 0).map((r) => r.year);
  const file = await sql<{ path: string | null }>`
    select path from duckdb_databases() where database_name = current_database()`.execute(db);

  const integer = (value: string | undefined): number | null =>
    value !== undefined && /^\d+$/.test(value) ? Number(value) : null;
  const provinces = meta.provinces;
  return {
    file: file.rows[0]?.path ?? null,
    // From the dataset_meta rows read above: no second query for it.
    dataVersion: parseDataVersion(meta.data_version),
    seed: integer(meta.seed),
    synthetic: meta.synthetic === 'true',
    provinces: provinces === undefined ? null : provinces === 'all' ? 'all' : provinces.split(','),
    years:
      list.length === 0
        ? null
        : {
            first: list[0] as number,
            last: list[list.length - 1] as number,
            list,
            coverage: byMeasure[DEFAULT_MEASURE].coverage,
            complete: byMeasure[DEFAULT_MEASURE].complete,
            completeCoverage: threshold,
            byMeasure,
            lastPublished,
            extrapolated,
          },
    rows,
    meta,
  };
}
