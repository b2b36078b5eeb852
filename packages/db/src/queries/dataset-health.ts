import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema/database.js';
import { parseDataVersion } from '../sql/index.js';

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
] as const satisfies ReadonlyArray<keyof Database>;

/**
 * The share of villages a year must cover to be complete: the default year is the latest such.
 * A year below it (one value imported for 2027, a survey still coming in) stays selectable,
 * marked partial.
 */
export const COMPLETE_YEAR_COVERAGE = 0.9;

/** How much of a year the data cover. */
export interface YearCoverage {
  year: number;
  /** Villages with a skills index that year. */
  villages: number;
  /** Their share of the villages the database holds (0 to 1). */
  share: number;
  /** `share` >= {@link COMPLETE_YEAR_COVERAGE}; a year that is not is partial. */
  complete: boolean;
}

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
   * latest year at least {@link COMPLETE_YEAR_COVERAGE} of the villages have, the year a view
   * shows by default (a year with a few imported values is partial, not the default).
   */
  years: {
    first: number;
    last: number;
    list: number[];
    coverage: YearCoverage[];
    complete: number | null;
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
export async function datasetHealth(db: Kysely<Database>): Promise<DatasetHealth> {
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
  const years = await sql<{ year: number; villages: number; total: number }>`
    select year::integer as year, count(skills_index)::integer as villages,
      (select count(*) from regions where level = 'village')::integer as total
    from village_index group by year order by year`.execute(db);
  const list = years.rows.map((r) => r.year);
  const coverage: YearCoverage[] = years.rows.map((r) => {
    const share = r.total > 0 ? r.villages / r.total : 0;
    return { year: r.year, villages: r.villages, share, complete: share >= COMPLETE_YEAR_COVERAGE };
  });
  const complete = coverage.filter((c) => c.complete).at(-1)?.year ?? null;
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
            coverage,
            complete,
          },
    rows,
    meta,
  };
}
