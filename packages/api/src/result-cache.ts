import type { Kysely } from 'kysely';
import { readDataVersion, type Database } from '@pandu/db';

/**
 * A small least-recently-used cache of procedure results, by entry count. Keys include the
 * dataset's `data_version`, which every import bumps, so an import makes every older entry
 * unreachable (they age out) and nothing stale is served.
 *
 * It holds promises, not values: concurrent requests for the same key while it is computed share
 * one query instead of each starting its own (32 dashboards opening the same page at once run the
 * SQL once). A failed computation is dropped, so an error is never cached.
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

  /** The cached value for `key`, computing and storing it on a miss. */
  get<T>(key: string, compute: () => Promise<T>): Promise<T> {
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
    value.catch(() => {
      if (this.#entries.get(key) === value) this.#entries.delete(key);
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
 * A procedure's result from the context's cache, keyed by procedure, input (as parsed by its
 * schema, so key order is fixed) and the dataset's `data_version`, read per request (one lookup in
 * the few-row `dataset_meta` table, shared by concurrent requests), so an import invalidates at once.
 *
 * @example
 * ```ts
 * resolve: ({ ctx, input }) => cachedResult(ctx, 'divide.summary', input, () => divideSummary(ctx.db, input)),
 * ```
 */
export async function cachedResult<T>(
  ctx: { db: Kysely<Database>; cache: ResultCache | null },
  procedure: string,
  input: unknown,
  compute: () => Promise<T>,
): Promise<T> {
  const { cache, db } = ctx;
  if (!cache) return compute();
  const version = await cache.dataVersion(async () => String(await readDataVersion(db)));
  return cache.get(`${procedure}\u0000${JSON.stringify(input) ?? ''}\u0000${version}`, compute);
}
