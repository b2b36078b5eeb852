import { openDatabase } from '@pandu/db';
import { seededTestDatabase, type SeededTestDatabase } from '@pandu/db/testing';
import { createInnerContext, type Context } from '../context.js';
import { createCaller } from '../create-caller.js';
import { ResultCache } from '../result-cache.js';

/**
 * Test fixture: a real seeded DuckDB file (Jawa Timur by default) and a tRPC caller on it, with
 * or without the result cache.
 */
export async function apiTestContext(options: { cache?: boolean } = {}) {
  const t: SeededTestDatabase = await seededTestDatabase(['35']);
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
