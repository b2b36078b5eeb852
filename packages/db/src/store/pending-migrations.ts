import { sql, type Kysely } from 'kysely';
import { MIGRATIONS } from '../migrations/index.js';
import { openDatabase } from '../open-database.js';
import type { Database } from '../schema/database.js';

/**
 * The migrations this code knows that the database file `path` has not had, in order; empty when
 * its schema is up to date. Opens the file read-only (so it works beside servers reading it) and
 * never changes it. A file written by an older Pandu lacks the newer migrations: a reader cannot
 * apply them (read-only), so a server brings the file or the data directory up to date first.
 *
 * @example
 * ```ts
 * await pendingMigrations('data/versions/v000003.duckdb'); // ['2026-12-05T01-audit-log']
 * ```
 */
export async function pendingMigrations(path: string): Promise<string[]> {
  const db = await openDatabase(path, { readOnly: true, poolSize: 1 });
  try {
    return await missingMigrations(db);
  } finally {
    await db.destroy();
  }
}

/** The migrations this code knows that the open database `db` has not had, in order. */
export async function missingMigrations(db: Kysely<Database>): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from kysely_migration`
    .execute(db)
    .catch(() => ({ rows: [] as Array<{ name: string }> }));
  const applied = new Set(rows.map((row) => row.name));
  return Object.keys(MIGRATIONS).filter((name) => !applied.has(name));
}
