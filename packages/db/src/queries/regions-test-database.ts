import { sql, type Kysely } from 'kysely';
import { openDatabase } from '../open-database.js';
import type { Database } from '../schema/database.js';
import { regionSourceFiles } from '../seed/region-source.js';
import { sqlLiteral, trustedSql } from '../sql/index.js';

/**
 * Test fixture: an in-memory database holding only the regions table, with all 91,599 real regions
 * of `idn-area-data` (under a second, where seeding the national dataset takes 16 s). For the
 * region queries, whose national answers (38 provinces, 11 villages named Plosorejo) a
 * one-province seed cannot show. The rows are built the way the seed builds them. `path` a DuckDB
 * file instead (a file can be copied and opened read-only).
 *
 * @example
 * ```ts
 * const db = await regionsTestDatabase();
 * await regionChildren(db, {}); // the 38 provinces
 * await db.destroy();
 * ```
 */
export async function regionsTestDatabase(path = ':memory:'): Promise<Kysely<Database>> {
  const db = await openDatabase(path);
  const files = regionSourceFiles();
  const csv = (file: string) =>
    trustedSql(`read_csv(${sqlLiteral(file)}, header = true, all_varchar = true)`);
  await sql`
    insert into regions
    select code, name, level, parent_code, substr(code, 1, 2),
      case when length(code) >= 5 then substr(code, 1, 5) end,
      case when length(code) >= 8 then substr(code, 1, 8) end,
      kind, lower(strip_accents(name))
    from (
      select code, name, 'province' as level, null::varchar as parent_code, null::varchar as kind from ${csv(files.provinces)}
      union all select code, name, 'regency', province_code, null from ${csv(files.regencies)}
      union all select code, name, 'district', regency_code, null from ${csv(files.districts)}
      union all select code, name, 'village', district_code,
        case substr(code, 10, 1) when '1' then 'kelurahan' when '2' then 'desa' when '3' then 'desa_adat' end
      from ${csv(files.villages)}
    ) order by code`.execute(db);
  return db;
}
