import { sql, type Kysely } from 'kysely';
import { TimeseriesInput, type TimeseriesPoint } from '../queries/timeseries.js';
import {
  completeCoverageOf,
  type CoverageOptions,
  type YearCoverage,
} from '../queries/year-coverage.js';
import type { Database } from '../schema/database.js';
import {
  coverageFromCounts,
  datasetCountsOfScan,
  freshColumn,
  kindMatches,
  lookupRow,
  sortedValues,
  storedScope,
  type StoredCount,
  type StoredScope,
} from './stored-scope.js';
import { sliceFigures } from './sorted-figures.js';
import { figureMemory } from './figure-memory.js';
import { storedDistrictRows } from './stored-district.js';

interface YearRow {
  year: number;
  n: number;
  villages: number;
  mean: number | null;
  p10: number | null;
  p50: number | null;
  p90: number | null;
}

/** A region's stored years (or a district's, computed from its villages) and the dataset's counts. */
export interface StoredYears {
  years: YearRow[];
  /** Villages of the kind in the region. */
  villages: number;
  dataset: StoredCount[];
}

/**
 * The stored per-year figures of a region and the dataset's per-year counts, in one round trip
 * (from memory for a read-only database, figure-memory.ts); a district's are computed from its
 * villages' rows. Null when stale or not stored.
 */
export async function storedYears(
  db: Kysely<Database>,
  key: StoredScope,
): Promise<StoredYears | null> {
  if (key.level === 'district') return districtYears(db, key);
  const memory = await figureMemory(db);
  if (memory) {
    const years = memory.figures(key.code, key.kind, key.measure);
    const dataset = memory.datasetCounts(key.measure);
    if (!memory.fresh || !years || !dataset) return null;
    return {
      years: years.map((r) => ({
        year: r.year,
        n: r.n,
        villages: r.villages,
        mean: r.mean,
        p10: r.p10,
        p50: r.p50,
        p90: r.p90,
      })),
      villages: years[0]?.villages ?? 0,
      dataset,
    };
  }
  const row = await lookupRow(
    db,
    sql<{ years: YearRow[] | null; dataset: StoredCount[] | null; fresh: boolean }>`select
        list(struct_pack(year := year::integer, n, villages, mean, p10, p50, p90) order by year)
          filter (where code = ${key.code} and kind = ${key.kind}) as years,
        ${datasetCountsOfScan()} as dataset, ${await freshColumn(db)} as fresh
      from scope_figures
      where measure = ${key.measure}
        and ((code = ${key.code} and kind = ${key.kind}) or (code = '' and kind = 'all'))`,
  );
  if (!row?.fresh || !row.years || !row.dataset) return null;
  return { years: row.years, villages: row.years[0]?.villages ?? 0, dataset: row.dataset };
}

/**
 * Whether the region's figures are stored and fresh for every kind but none for `key.kind`: no
 * village of that kind lies in it (scope_figures keeps no row for a kind without villages).
 */
async function kindAbsent(db: Kysely<Database>, key: StoredScope): Promise<boolean> {
  if (key.kind === 'all' || key.level === 'district') return false;
  const memory = await figureMemory(db);
  if (memory) {
    return (
      memory.fresh &&
      memory.figures(key.code, 'all', key.measure) !== null &&
      memory.figures(key.code, key.kind, key.measure) === null
    );
  }
  const row = await lookupRow(
    db,
    sql<{ all: boolean; own: boolean; fresh: boolean }>`select
        count(*) filter (where kind = 'all') > 0 as "all",
        count(*) filter (where kind = ${key.kind}) > 0 as own,
        ${await freshColumn(db)} as fresh
      from scope_figures
      where code = ${key.code} and measure = ${key.measure} and kind in ('all', ${key.kind})`,
  );
  return row !== null && row.fresh && row.all && !row.own;
}

async function districtYears(db: Kysely<Database>, key: StoredScope): Promise<StoredYears | null> {
  const row = await storedDistrictRows(db, key);
  if (!row) return null;
  const villages = row.kinds.filter((k) => kindMatches(key.kind, k)).length;
  const byYear = new Map<number, number[]>();
  for (const r of row.rows) {
    if (!kindMatches(key.kind, r.kind)) continue;
    const list = byYear.get(r.year) ?? [];
    if (r.y !== null) list.push(r.y);
    byYear.set(r.year, list);
  }
  const years = row.dataset.map((d): YearRow => {
    const values = byYear.get(d.year) ?? [];
    if (values.length === 0) {
      return { year: d.year, n: 0, villages, mean: null, p10: null, p50: null, p90: null };
    }
    const f = sliceFigures(sortedValues(values), 0, values.length, 0);
    return {
      year: d.year,
      n: values.length,
      villages,
      mean: f.mean,
      p10: f.p10,
      p50: f.p50,
      p90: f.p90,
    };
  });
  return { years, villages, dataset: row.dataset };
}

/** The coverage of every dataset year in the region, from stored years. */
export function storedCoverage(stored: StoredYears, threshold: number): YearCoverage[] {
  return coverageFromCounts(
    stored.dataset,
    new Map(stored.years.map((y) => [y.year, y])),
    stored.villages,
    threshold,
  );
}

/**
 * {@link timeseries} from the stored figures: one lookup of the region's years and the
 * dataset's counts (a district's years computed from its villages). Null when stale or not
 * stored; the caller then asks the on-demand query.
 *
 * @example
 * ```ts
 * const series = (await storedTimeseries(db, { code: '35.05' })) ?? (await timeseries(db, { code: '35.05' }));
 * ```
 */
export async function storedTimeseries(
  db: Kysely<Database>,
  input: TimeseriesInput,
  options?: CoverageOptions,
): Promise<TimeseriesPoint[] | null> {
  const scoped = storedScope(TimeseriesInput, input);
  if (!scoped) return null;
  let threshold: number;
  try {
    threshold = completeCoverageOf(options);
  } catch {
    return null;
  }
  const stored = await storedYears(db, scoped.key);
  // A region stored for every kind but with no village of the asked kind (a regency without desa
  // adat): its series is empty, as the on-demand query finds, without its scan of village_index.
  if (!stored) return (await kindAbsent(db, scoped.key)) ? [] : null;
  const coverage = new Map(storedCoverage(stored, threshold).map((c) => [c.year, c]));
  return stored.years
    .filter((y) => y.n > 0)
    .map((y) => {
      const c = coverage.get(y.year);
      return {
        year: y.year,
        n: y.n,
        mean: y.mean as number,
        p10: y.p10 as number,
        p50: y.p50 as number,
        p90: y.p90 as number,
        coverage: c?.share ?? 0,
        complete: c?.complete ?? false,
      };
    });
}

/**
 * {@link yearCoverage} from the stored counts (no scan of village_index). Null when stale or
 * not stored.
 *
 * @example
 * ```ts
 * const years = (await storedYearCoverage(db, { code: '35' })) ?? (await yearCoverage(db, { code: '35' }));
 * ```
 */
export async function storedYearCoverage(
  db: Kysely<Database>,
  input: TimeseriesInput,
  options?: CoverageOptions,
): Promise<YearCoverage[] | null> {
  const scoped = storedScope(TimeseriesInput, input);
  if (!scoped) return null;
  let threshold: number;
  try {
    threshold = completeCoverageOf(options);
  } catch {
    return null;
  }
  const stored = await storedYears(db, scoped.key);
  return stored ? storedCoverage(stored, threshold) : null;
}
