import type { Kysely } from 'kysely';
import { readDataVersion, type Database } from '@pandu/db';
import { isDeterministicError } from './errors.js';

/**
 * A small least-recently-used cache of procedure results, by entry count. Keys include the
 * version of the data the request read (the store version a server leased it, or else the
 * dataset's `data_version`), so a newly published version makes every older entry unreachable
 * (they age out) and nothing stale is served.
 *
 * It holds promises, not values: concurrent requests for the same key while it is computed share
 * one query instead of each starting its own (32 dashboards opening the same page at once run the
 * SQL once). A failed computation is dropped unless `keepError` says the failure is an answer
 * (the same input would fail the same way until the data changes), so a transient error is never
 * cached and a "no data" is not asked again and again.
 *
 * @example
 * ```ts
 * const cache = new ResultCache(500);
 * const rows = await cache.get('index.byRegion|{"year":2024}|1', () => indexByRegion(db, { year: 2024 }));
 * ```
 */
export class ResultCache {
  readonly #entries = new Map<string, Promise<unknown>>();
  #version: Promise<string> | null = null;
  hits = 0;
  misses = 0;

  constructor(readonly capacity = 500) {}

  /**
   * The cached value for `key`, computing and storing it on a miss. A failure is stored too when
   * `keepError` returns true for it, and dropped otherwise.
   */
  get<T>(
    key: string,
    compute: () => Promise<T>,
    keepError: (error: unknown) => boolean = () => false,
  ): Promise<T> {
    const hit = this.#entries.get(key);
    if (hit) {
      // Re-insert: a Map iterates in insertion order, so the first key is the least recent.
      this.#entries.delete(key);
      this.#entries.set(key, hit);
      this.hits++;
      return hit as Promise<T>;
    }
    this.misses++;
    const value = compute();
    this.#entries.set(key, value);
    value.catch((error: unknown) => {
      if (this.#entries.get(key) === value && !keepError(error)) this.#entries.delete(key);
    });
    if (this.#entries.size > this.capacity) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
    return value;
  }

  /**
   * The data version, read with `read` - but requests that arrive while a read is in flight share
   * it, so under load the version costs one small query per burst, not one per request. A request
   * can thus see the version as of a read that started just before it arrived; writes come from
   * an import, which DuckDB's single-writer lock keeps out of a running server's file anyway.
   */
  dataVersion(read: () => Promise<string>): Promise<string> {
    if (!this.#version) {
      const pending = read();
      this.#version = pending;
      const clear = () => {
        if (this.#version === pending) this.#version = null;
      };
      pending.then(clear, clear);
    }
    return this.#version;
  }

  get size(): number {
    return this.#entries.size;
  }
}

/**
 * A procedure's result from the context's cache, keyed by procedure, input and version: the
 * store version of the request (`ctx.version`, which a server sets from the version it leased),
 * or, without one, the dataset's `data_version`, read per request (one lookup in the few-row
 * `dataset_meta` table, shared by concurrent requests). The store version, not data_version,
 * when there is one: a rollback publishes an exact copy of an older version, data_version
 * included, so an import after it would repeat a data_version that keyed other data. The input is the one its schema parsed
 * (old field names renamed, thresholds rounded: routers/inputs.ts), written with its keys sorted,
 * so `{ year, code }` and `{ code, year }` are one entry. A deterministic refusal (NOT_FOUND,
 * BAD_REQUEST: {@link isDeterministicError}) is cached like a result; a timeout or an internal
 * error is not.
 *
 * @example
 * ```ts
 * resolve: ({ ctx, input }) => cachedResult(ctx, 'divide.summary', input, () => divideSummary(ctx.db, input)),
 * ```
 */
export async function cachedResult<T>(
  ctx: {
    db: Kysely<Database>;
    healthDb?: Kysely<Database> | undefined;
    cache: ResultCache | null;
    version?: number | undefined;
  },
  procedure: string,
  input: unknown,
  compute: () => Promise<T>,
): Promise<T> {
  const { cache } = ctx;
  if (!cache) return compute();
  const version =
    ctx.version === undefined ? `d${await dataVersion(ctx, cache)}` : `v${ctx.version}`;
  return cache.get(
    `${procedure}\u0000${canonicalJson(input)}\u0000${version}`,
    compute,
    isDeterministicError,
  );
}

/**
 * The data version of a database that is not a store version (no `ctx.version`). On the
 * connection reserved for health checks when there is one: a cache hit then never queues behind
 * the pool's queries (nor is refused with the queue full).
 */
function dataVersion(
  ctx: { db: Kysely<Database>; healthDb?: Kysely<Database> | undefined },
  cache: ResultCache,
): Promise<string> {
  const versionDb = ctx.healthDb ?? ctx.db;
  return cache.dataVersion(async () => String(await readDataVersion(versionDb)));
}

/** JSON with every object's keys sorted; `undefined` (a left-out input) as the empty string. */
function canonicalJson(value: unknown): string {
  return (
    JSON.stringify(value, (_key, v: unknown) =>
      v !== null && typeof v === 'object' && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
        : v,
    ) ?? ''
  );
}
