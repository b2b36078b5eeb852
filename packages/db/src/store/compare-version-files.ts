import { sql, type Kysely } from 'kysely';
import { openDatabase } from '../open-database.js';
import type { Database } from '../schema/database.js';
import { sqlLiteral, trustedSql } from '../sql/index.js';

/** One year's share of what changed between two versions. */
export interface YearChanges {
  year: number;
  /** Villages with at least one value added, changed or removed that year. */
  villages: number;
  /** Values added, changed or removed that year. */
  values: number;
}

/** One village whose values changed, for a list people read. */
export interface VillageChanges {
  code: string;
  /** Its name in the newer version (null if the region is unknown there). */
  name: string | null;
  /** The years with a changed value, ascending. */
  years: number[];
  /** Values added, changed or removed. */
  values: number;
}

/** What differs in `observations` between two version files. */
export interface VersionFileChanges {
  /** Values present in both with a different value (replaced). */
  replaced: number;
  /** Values only in the newer version. */
  added: number;
  /** Values only in the older version. */
  removed: number;
  /** Villages with any difference. */
  villages: number;
  years: YearChanges[];
  /** The first `limit` villages by code. */
  sample: VillageChanges[];
}

/**
 * Compare the observations of two version files (an older one, or null for none, and a newer
 * one): which villages and years gained, changed or lost a value, and how many values were
 * replaced. Both are ATTACHed read-only to an in-memory database, so servers reading them are not
 * disturbed and neither file can be changed.
 *
 * @example
 * ```ts
 * const changes = await compareVersionFiles(versionFilePath('data', 3), versionFilePath('data', 4));
 * changes.replaced; // 12
 * ```
 */
export async function compareVersionFiles(
  olderFile: string | null,
  newerFile: string,
  options: { limit?: number } = {},
): Promise<VersionFileChanges> {
  const limit = options.limit ?? 200;
  if (!Number.isSafeInteger(limit) || limit < 0) throw new RangeError(`invalid limit: ${limit}`);
  const db = await openDatabase(':memory:', { poolSize: 1 });
  try {
    return await db.connection().execute(async (conn) => {
      await trustedSql(`attach ${sqlLiteral(newerFile)} as newer (read_only)`).execute(conn);
      // Without an older version (the first one), everything in the newer one was added: compare
      // with the empty observations table of the in-memory database.
      if (olderFile) {
        await trustedSql(`attach ${sqlLiteral(olderFile)} as older (read_only)`).execute(conn);
      }
      const older = olderFile ? 'older.main.observations' : 'memory.main.observations';
      await trustedSql(`
        create temporary table changed as
        select coalesce(n.village_code, o.village_code) as village_code,
               coalesce(n.year, o.year) as year,
               o.value as old_value, n.value as new_value
        from newer.main.observations n
        full outer join ${older} o
          on n.village_code = o.village_code and n.year = o.year and n.indicator = o.indicator
        where o.value is distinct from n.value`).execute(conn);
      return readChanges(conn, limit);
    });
  } finally {
    await db.destroy();
  }
}

async function readChanges(conn: Kysely<Database>, limit: number): Promise<VersionFileChanges> {
  const totals = await sql<{ replaced: number; added: number; removed: number; villages: number }>`
    select count(*) filter (where old_value is not null and new_value is not null)::integer as replaced,
           count(*) filter (where old_value is null)::integer as added,
           count(*) filter (where new_value is null)::integer as removed,
           count(distinct village_code)::integer as villages
    from changed`.execute(conn);
  const years = await sql<YearChanges>`
    select year::integer as year, count(distinct village_code)::integer as villages,
           count(*)::integer as "values"
    from changed group by year order by year`.execute(conn);
  const sample = await sql<{ code: string; name: string | null; years: number[]; values: number }>`
    select c.village_code as code, any_value(r.name) as name,
           list_sort(list(distinct c.year::integer)) as years, count(*)::integer as "values"
    from changed c left join newer.main.regions r on r.code = c.village_code
    group by c.village_code order by c.village_code limit ${limit}`.execute(conn);
  const total = totals.rows[0];
  return {
    replaced: total?.replaced ?? 0,
    added: total?.added ?? 0,
    removed: total?.removed ?? 0,
    villages: total?.villages ?? 0,
    years: years.rows.map((r) => ({ year: r.year, villages: r.villages, values: r.values })),
    sample: sample.rows.map((r) => ({
      code: r.code,
      name: r.name,
      years: [...r.years],
      values: r.values,
    })),
  };
}
