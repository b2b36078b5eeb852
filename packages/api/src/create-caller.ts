import { appRouter } from './routers/_app.js';
import { createCallerFactory } from './trpc.js';

/**
 * Call procedures in process, without HTTP: scripts, tests and hosts that are not tRPC's.
 *
 * @example
 * ```ts
 * const pandu = createCaller(createInnerContext({ db, dbPath: 'data/pandu.duckdb', cache: null }));
 * const summary = await pandu.divide.summary({ code: '35.05', year: 2024 });
 * ```
 */
export const createCaller = createCallerFactory(appRouter);
