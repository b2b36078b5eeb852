import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { Kysely } from 'kysely';
import { DuckDBDialect } from './duckdb-dialect/index.js';
import { migrateToLatest } from './migrations/index.js';
import type { Database } from './schema/database.js';

export interface OpenDatabaseOptions {
  /** Connections in the pool (default 4). */
  poolSize?: number;
  /** Interrupt statements (outside transactions) that run longer than this, in milliseconds. */
  queryTimeoutMs?: number;
  /** Open without running migrations and refuse writes (DuckDB `access_mode = READ_ONLY`). */
  readOnly?: boolean;
}

/** The schema could not be brought up to date; `cause` is the failing migration's error. */
export class MigrationError extends Error {
  override readonly name = 'MigrationError';
}

/**
 * Open (or create) a Pandu DuckDB file and bring its schema to the newest version. `':memory:'`
 * opens a database that lives only in this process. Close it with `db.destroy()`.
 *
 * @example
 * ```ts
 * const db = await openDatabase('data/pandu.duckdb');
 * const provinces = await db.selectFrom('regions').select(['code', 'name']).where('level', '=', 'province').execute();
 * await db.destroy();
 * ```
 */
export async function openDatabase(
  path: string,
  options: OpenDatabaseOptions = {},
): Promise<Kysely<Database>> {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const instance = await DuckDBInstance.create(
    path,
    options.readOnly ? { access_mode: 'READ_ONLY' } : {},
  );
  const db = new Kysely<Database>({
    dialect: new DuckDBDialect({
      instance,
      poolSize: options.poolSize ?? 4,
      ...(options.queryTimeoutMs === undefined ? {} : { queryTimeoutMs: options.queryTimeoutMs }),
    }),
  });
  if (!options.readOnly) {
    const { error, results } = await migrateToLatest(db);
    if (error) {
      await db.destroy();
      const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
      throw new MigrationError(`migration ${failed} failed: ${String(error)}`, { cause: error });
    }
  }
  return db;
}
