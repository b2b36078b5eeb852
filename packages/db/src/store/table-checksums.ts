import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema/database.js';

/** A table's row count and a checksum of its rows. */
export interface TableChecksum {
  rows: number;
  /** Sum of DuckDB's hash of every row, as text: independent of row order, changed by any value. */
  checksum: string;
}

/**
 * Row count and an order-free checksum of every table of the database (Kysely's migration tables
 * left out), by table name in name order: two files with equal checksums hold the same rows. For
 * checking that a rollback restored a version exactly, or that a killed write left one intact.
 *
 * The checksum is the sum (as HUGEINT, so it cannot overflow) of `hash(row)` over the table's rows.
 * DuckDB's hash is deterministic for a given DuckDB version, so compare checksums computed by the
 * same build, never across upgrades. A sum rather than an XOR, so that two equal rows do not
 * cancel out.
 *
 * @example
 * ```ts
 * const before = await tableChecksums(db);
 * before.observations; // { rows: 305784, checksum: '3071937581023345123456' }
 * ```
 */
export async function tableChecksums(db: Kysely<Database>): Promise<Record<string, TableChecksum>> {
  const tables = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_catalog = current_database() and table_schema = 'main'
      and table_type = 'BASE TABLE' and table_name not like 'kysely_%'
    order by table_name`.execute(db);
  const result: Record<string, TableChecksum> = {};
  for (const { table_name } of tables.rows) {
    const { rows } = await sql<{ n: number; checksum: string | null }>`
      select count(*)::bigint as n, sum(hash(t))::varchar as checksum
      from ${sql.table(table_name)} t`.execute(db);
    result[table_name] = { rows: Number(rows[0]?.n ?? 0), checksum: rows[0]?.checksum ?? '0' };
  }
  return result;
}
