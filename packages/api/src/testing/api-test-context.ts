import { openDatabase } from '@pandu/db';
import { seededTestDatabase, type SeededTestDatabase } from '@pandu/db/testing';
import { createInnerContext, type Context } from '../context.js';
import { createCaller } from '../create-caller.js';
import { ResultCache } from '../result-cache.js';

/**
 * Test fixture: a real seeded DuckDB file (Jawa Timur) and a tRPC caller on it, with or without
 * the result cache. Under this package's vitest global setup (`@pandu/db/testing/global-setup`)
 * the file is the one seeded once per run, opened read-only; `writable: true` gives a test that
 * writes (a data version bump, a renamed table) a copy of its own.
 */
export async function apiTestContext(options: { cache?: boolean; writable?: boolean } = {}) {
  const t: SeededTestDatabase = await seededTestDatabase(['35'], {
    writable: options.writable ?? false,
  });
  const cache = options.cache ? new ResultCache(100) : null;
  const ctx = createInnerContext({ db: t.db, dbPath: t.path, cache });
  return { ...t, ctx, cache, caller: createCaller(ctx) };
}

/**
 * Test fixture: an empty in-memory database (schema only, opened in a few milliseconds), for
 * procedures that need no rows and for tests that plant a slow table.
 */
export async function emptyApiTestContext(options: { queryTimeoutMs?: number } = {}) {
  const db = await openDatabase(':memory:', options);
  const ctx: Context = createInnerContext({ db, dbPath: ':memory:', cache: null });
  return { db, ctx, caller: createCaller(ctx), cleanup: () => db.destroy() };
}
