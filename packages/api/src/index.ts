/**
 * @pandu/api: the Pandu API as a package. The tRPC routers over a Pandu DuckDB database, their
 * context and the one place errors are mapped; `AppRouter` types a client. Hosting it (HTTP, the
 * command line) is `@pandu/server`'s job.
 *
 * @example
 * ```ts
 * import { createTRPCClient, httpBatchLink } from '@trpc/client';
 * import type { AppRouter } from '@pandu/api';
 *
 * const pandu = createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: 'http://127.0.0.1:3100/trpc' })] });
 * const divide = await pandu.divide.summary.query({ code: '35.05', year: 2024 });
 * ```
 * @packageDocumentation
 */
export { appRouter, type AppRouter } from './routers/_app.js';
export type { ApiHealth } from './routers/health.js';
export { createCaller } from './create-caller.js';
export { createInnerContext, type Context } from './context.js';
export { ResultCache } from './result-cache.js';
export { INTERNAL_ERROR_MESSAGE, toTRPCError, zodMessage } from './errors.js';
export { toAuthUser, type AuthUser } from './auth-user.js';
export { LoginInput, type LoginResult, type UserSummary } from './routers/auth.js';
export {
  BadCredentialsError,
  LoginRateLimitedError,
  LoginRequiredError,
  NoAuthStoreError,
  RoleRequiredError,
} from './auth-errors.js';
export { LoginRateLimiter } from './login-rate-limiter.js';
export { actorOf } from './actor-of.js';
export { NoDataStoreError } from './no-data-store-error.js';
export { NoSqlRunnerError, SqlConsole, SqlRateLimitedError, type SqlRunner } from './sql-runner.js';
export { SqlQueryInput } from './routers/sql.js';
export { VersionInput, type VersionChanges, type VersionEntry } from './routers/versions.js';
