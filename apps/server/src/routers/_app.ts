import { datasetHealth } from '@pandu/db';
import { publicProcedure, router } from '../trpc.js';
import { divideRouter } from './divide.js';
import { frameworkRouter } from './framework.js';
import { indexRouter } from './index-router.js';
import { mentoringRouter } from './mentoring.js';
import { regionsRouter } from './regions.js';
import { villagesRouter } from './villages.js';

/** The whole API: one router per area. */
export const appRouter = router({
  regions: regionsRouter,
  framework: frameworkRouter,
  index: indexRouter,
  divide: divideRouter,
  villages: villagesRouter,
  mentoring: mentoringRouter,
  /** Database file, data version, row counts: never cached. */
  health: publicProcedure.query(async ({ ctx }) => ({
    ...(await datasetHealth(ctx.db)),
    file: ctx.dbPath,
  })),
});

/** The API's type, for `@trpc/client` in the dashboard and other teams' clients. */
export type AppRouter = typeof appRouter;
