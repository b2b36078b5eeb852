import { seededTestDatabase, type SeededTestDatabase } from '@pandu/db/testing';
import { createInnerContext } from '../context.js';
import { ResultCache } from '../result-cache.js';
import { appRouter } from '../routers/_app.js';
import { createCallerFactory } from '../trpc.js';

const createCaller = createCallerFactory(appRouter);

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
