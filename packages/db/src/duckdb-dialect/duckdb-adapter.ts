import { PostgresAdapter, sql, type Kysely, type MigrationLockOptions } from 'kysely';

/**
 * Kysely's Postgres adapter (RETURNING, transactional DDL) with a migration lock DuckDB can run.
 *
 * Postgres takes `pg_advisory_lock`, which DuckDB does not have ("Scalar Function with name
 * pg_advisory_lock does not exist"), nor does it have `select ... for update`. Kysely runs
 * migrations inside one transaction on this adapter, so the lock marks Kysely's lock row there:
 * DuckDB's optimistic concurrency makes a second migrator's update of the same row fail at once
 * ("Conflict on update") instead of both migrating. Across processes there is nothing to lock:
 * only one process can open a DuckDB file for writing.
 */
export class DuckDBAdapter extends PostgresAdapter {
  override async acquireMigrationLock(db: Kysely<object>, options: MigrationLockOptions) {
    await setLock(db, options, 1);
  }

  override async releaseMigrationLock(db: Kysely<object>, options: MigrationLockOptions) {
    await setLock(db, options, 0);
  }
}

async function setLock(db: Kysely<object>, options: MigrationLockOptions, isLocked: 0 | 1) {
  const { lockTable, lockTableSchema, lockRowId } = options;
  const table = sql.table(lockTableSchema ? `${lockTableSchema}.${lockTable}` : lockTable);
  await sql`update ${table} set is_locked = ${sql.lit(isLocked)} where id = ${lockRowId}`.execute(
    db,
  );
}
