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
  /** Most queries waiting for a connection; more are refused with `ConnectionQueueFullError`. */
  maxQueued?: number;
  /** Aborting it interrupts running statements and refuses new ones (`QueryInterruptedError`). */
  signal?: AbortSignal;
  /**
   * DuckDB's worker threads for the whole instance (its `threads` setting); default DuckDB's own,
   * the number of cores. A server answering many small queries at once on its pool wants
   * pool size x threads to be about the cores: a query handing a few milliseconds of work to
   * other threads costs more CPU than it saves.
   */
  threads?: number;
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
  return (await open(path, options)).db;
}

/** A database opened for a server: its pool, and one connection of its own for health checks. */
export interface ServedDatabase {
  db: Kysely<Database>;
  /**
   * One connection on the same file outside `db`'s pool, so a health check never waits behind
   * the pool's queries. Destroy it before `db`, which owns the file.
   */
  health: Kysely<Database>;
}

/**
 * {@link openDatabase}, plus a connection reserved for health checks.
 *
 * @example
 * ```ts
 * const { db, health } = await openServedDatabase('data/pandu.duckdb', { maxQueued: 128 });
 * await datasetHealth(health); // answers while db's four connections are busy
 * await health.destroy();
 * await db.destroy();
 * ```
 */
export async function openServedDatabase(
  path: string,
  options: OpenDatabaseOptions = {},
): Promise<ServedDatabase> {
  const { db, instance } = await open(path, options);
  const health = new Kysely<Database>({
    dialect: new DuckDBDialect({
      ...dialectOptions(options),
      instance,
      poolSize: 1,
      closeInstance: false,
    }),
  });
  // The health connection reads the same read-only file: as immutable as the pool's.
  if (options.readOnly) READ_ONLY.add(health);
  return { db, health };
}

function dialectOptions(options: OpenDatabaseOptions) {
  return {
    ...(options.queryTimeoutMs === undefined ? {} : { queryTimeoutMs: options.queryTimeoutMs }),
    ...(options.maxQueued === undefined ? {} : { maxQueued: options.maxQueued }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  };
}

/** Databases opened read-only: their data cannot change while they are open. */
const READ_ONLY = new WeakSet<object>();

/**
 * Whether `db` was opened read-only (a served version): what it holds cannot change while it is
 * open, so a fact read from it once may be kept for its life.
 */
export function isReadOnlyDatabase(db: object): boolean {
  return READ_ONLY.has(db);
}

/** What readOnce keeps, per read-only database and key. */
const KEPT = new WeakMap<object, Map<string, Promise<unknown>>>();

/**
 * `read()` once for the life of a read-only database (a served version cannot change while it is
 * open), kept under `key` and shared by concurrent callers; for any other database, every time.
 * A failed read is not kept: the next call reads again.
 *
 * @example
 * ```ts
 * const means = await readOnce(db, 'national-means', () => readNationalMeans(db));
 * ```
 */
export function readOnce<T>(db: object, key: string, read: () => Promise<T>): Promise<T> {
  if (!READ_ONLY.has(db)) return read();
  let kept = KEPT.get(db);
  if (!kept) KEPT.set(db, (kept = new Map()));
  const known = kept.get(key) as Promise<T> | undefined;
  if (known) return known;
  const value = read();
  kept.set(key, value);
  value.then(
    (v) => {
      if (kept.get(key) !== value) return;
      let settled = SETTLED.get(db);
      if (!settled) SETTLED.set(db, (settled = new Map()));
      settled.set(key, v);
    },
    () => {
      if (kept.get(key) === value) kept.delete(key);
    },
  );
  return value;
}

/** What readOnce's reads resolved to, per read-only database and key. */
const SETTLED = new WeakMap<object, Map<string, unknown>>();

/**
 * What {@link readOnce} keeps under `key` once its read has finished, else undefined: the read is
 * started (if none runs) and the caller does without it meanwhile. For a copy in memory that a
 * request need not wait for (a served version's tables, read in the background after it opens):
 * until it is in, the request asks DuckDB, as a writable database always does. Undefined for a
 * database that is not read-only.
 *
 * @example
 * ```ts
 * const memory = readyOnce(db, 'village-memory', () => loadVillageMemory(db)) ?? null;
 * ```
 */
export function readyOnce<T>(db: object, key: string, read: () => Promise<T>): T | undefined {
  if (!READ_ONLY.has(db)) return undefined;
  const settled = SETTLED.get(db);
  if (settled?.has(key)) return settled.get(key) as T;
  void readOnce(db, key, read).catch(() => undefined);
  return undefined;
}

/**
 * Drops what {@link readOnce} keeps under `key` for a read-only database (nothing otherwise), so
 * the next call reads again: for a value not worth keeping (an empty answer to a made-up key).
 *
 * @example
 * ```ts
 * forgetOnce(db, 'figure-block|mentoring_coverage_figures|99.99');
 * ```
 */
export function forgetOnce(db: object, key: string): void {
  KEPT.get(db)?.delete(key);
  SETTLED.get(db)?.delete(key);
}

async function open(
  path: string,
  options: OpenDatabaseOptions,
): Promise<{ db: Kysely<Database>; instance: DuckDBInstance }> {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  if (
    options.threads !== undefined &&
    !(Number.isSafeInteger(options.threads) && options.threads >= 1)
  ) {
    throw new RangeError(`invalid threads: ${options.threads}`);
  }
  const instance = await DuckDBInstance.create(path, {
    ...(options.readOnly ? { access_mode: 'READ_ONLY' } : {}),
    ...(options.threads === undefined ? {} : { threads: String(options.threads) }),
  });
  const db = new Kysely<Database>({
    dialect: new DuckDBDialect({
      ...dialectOptions(options),
      instance,
      poolSize: options.poolSize ?? 4,
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
  if (options.readOnly) READ_ONLY.add(db);
  return { db, instance };
}
