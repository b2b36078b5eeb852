import { router } from '../trpc.js';
import { authRouter } from './auth.js';
import { divideRouter } from './divide.js';
import { frameworkRouter } from './framework.js';
import { healthProcedure } from './health.js';
import { indexRouter } from './index-router.js';
import { mentoringRouter } from './mentoring.js';
import { publishedRouter } from './published.js';
import { regionsRouter } from './regions.js';
import { sqlRouter } from './sql.js';
import { usersRouter } from './users.js';
import { versionsRouter } from './versions.js';
import { villagesRouter } from './villages.js';

/**
 * The whole API: one router per area. These names are a contract (issue 4): dashboards and other
 * teams call `GET /trpc/<area>.<procedure>`. `index` is an ordinary key for tRPC, which reserves
 * only `then`, `call` and `apply`.
 */
export const appRouter = router({
  regions: regionsRouter,
  framework: frameworkRouter,
  index: indexRouter,
  divide: divideRouter,
  villages: villagesRouter,
  mentoring: mentoringRouter,
  published: publishedRouter,
  health: healthProcedure,
  auth: authRouter,
  users: usersRouter,
  versions: versionsRouter,
  sql: sqlRouter,
});

/** The API's type, for `@trpc/client` in the dashboard and other teams' clients. */
export type AppRouter = typeof appRouter;
