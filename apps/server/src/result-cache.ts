import type { Kysely } from 'kysely';
import type { Database } from '@pandu/db';

/**
 * A small least-recently-used cache of procedure results. Keys include the dataset's
 * `data_version`, which every import bumps, so an import makes every older entry unreachable
 * (they age out) and nothing stale is served.
 */
export class ResultCache {
  readonly #entries = new Map<string, unknown>();
  hits = 0;
  misses = 0;

  constructor(readonly capacity = 500) {}

  /** The cached value for `key`, computing and storing it on a miss. */
  async get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    if (this.#entries.has(key)) {
      const value = this.#entries.get(key) as T;
      // Re-insert: a Map iterates in insertion order, so the first key is the least recent.
      this.#entries.delete(key);
      this.#entries.set(key, value);
      this.hits++;
      return value;
    }
    this.misses++;
    const value = await compute();
    this.#entries.set(key, value);
    if (this.#entries.size > this.capacity) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
    return value;
  }

  get size(): number {
    return this.#entries.size;
  }
}

/**
 * A procedure's result from the context's cache, keyed by procedure, input and the dataset's
 * `data_version` (read per call: one small query), so an import invalidates at once.
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
  if (!ctx.cache) return compute();
  const version = await ctx.db
    .selectFrom('dataset_meta')
    .select('value')
    .where('key', '=', 'data_version')
    .executeTakeFirst();
  const key = `${procedure}\u0000${JSON.stringify(input) ?? ''}\u0000${version?.value ?? ''}`;
  return ctx.cache.get(key, compute);
}
