import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema/database.js';
import { measureColumn } from '../sql/index.js';
import { figureMemory } from './figure-memory.js';
import {
  datasetCounts,
  freshColumn,
  lookupRow,
  type StoredCount,
  type StoredScope,
} from './stored-scope.js';
import { villageMemory } from './village-memory.js';

// A district's figures are not stored: its timeseries and convergence are computed from its
// villages' rows (a few dozen), read here with what else those reads need.

/** A district's villages' values of a measure in every year, and what its stored reads need. */
export interface DistrictRows {
  /** Its village_index rows, in village code then year order. */
  rows: Array<{ village: string; year: number; kind: string; y: number | null }>;
  /** The kinds of its villages (the regions table's), one per village. */
  kinds: string[];
  /** The dataset's counts of the measure per year (the nation, every kind). */
  dataset: StoredCount[];
}

/**
 * The rows of the district `key.code`, from memory for a served version (village-memory.ts,
 * figure-memory.ts), else in one SQL round trip. Null when the figures are stale or not stored,
 * or the district has no villages.
 *
 * @example
 * ```ts
 * const district = await storedDistrictRows(db, key);
 * const values2024 = district?.rows.filter((r) => r.year === 2024).map((r) => r.y);
 * ```
 */
export async function storedDistrictRows(
  db: Kysely<Database>,
  key: StoredScope,
): Promise<DistrictRows | null> {
  const [figures, villages] = await Promise.all([figureMemory(db), villageMemory(db)]);
  if (figures && villages) {
    const dataset = figures.datasetCounts(key.measure);
    const kinds = villages.villages(key.code).map((v) => v.kind);
    if (!figures.fresh || !dataset || kinds.length === 0) return null;
    const rows = villages.indexRows('district', key.code).map((r) => ({
      village: r.village_code,
      year: r.year,
      kind: r.kind,
      y: r[key.measure],
    }));
    return { rows, kinds, dataset };
  }
  const row = await lookupRow(
    db,
    sql<{
      rows: DistrictRows['rows'] | null;
      kinds: string[] | null;
      dataset: StoredCount[] | null;
      fresh: boolean;
    }>`select (
        select list(struct_pack(village := village_code, year := year::integer, kind,
          y := ${measureColumn(key.measure)}) order by village_code, year)
        from village_index where district_code = ${key.code}
      ) as rows, (
        select list(kind) from regions where level = 'village' and district_code = ${key.code}
      ) as kinds, ${datasetCounts(key.measure)} as dataset, ${await freshColumn(db)} as fresh`,
  );
  if (!row?.fresh || !row.dataset || !row.kinds) return null;
  return { rows: row.rows ?? [], kinds: row.kinds, dataset: row.dataset };
}
