import { TRPCError, type TRPC_ERROR_CODE_KEY } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { ZodError } from 'zod';
import { DivideInputError, InvalidRegionCodeError } from '@pandu/domain';
import {
  ConnectionQueueFullError,
  ExportOptionsError,
  NoDataError,
  QueryInputError,
  QueryInterruptedError,
  QueryTimeoutError,
  UnknownRegionError,
  AuthLockedError,
  UnknownTokenError,
  UnknownUserError,
  UserExistsError,
  WeakPasswordError,
  InvalidUserNameError,
  DiskSpaceError,
  UnknownVersionError,
  WriteLockedError,
  SqlSandboxError,
} from '@pandu/db';
import {
  BadCredentialsError,
  LoginRateLimitedError,
  LoginRequiredError,
  NoAuthStoreError,
  RoleRequiredError,
} from './auth-errors.js';
import { NoDataStoreError } from './no-data-store-error.js';
import { NoSqlRunnerError, SqlRateLimitedError } from './sql-runner.js';

/** All a client learns of an unexpected failure; the cause is logged on the server. */
export const INTERNAL_ERROR_MESSAGE = 'internal error';

/**
 * The one place errors become API errors. Bad input is BAD_REQUEST naming the field, an unknown
 * region NOT_FOUND naming the code, a region or year without data NOT_FOUND, a runaway query
 * TIMEOUT; a full queue for the database, or a query cut short by shutdown, SERVICE_UNAVAILABLE
 * (503, which the HTTP server sends with `Retry-After`); anything else is an internal error whose message and stack stay in the server log: no
 * SQL text or stack trace reaches a client. `cause` is kept for the log.
 *
 * @example
 * ```ts
 * toTRPCError(new UnknownRegionError('35.99')).code; // 'NOT_FOUND'
 * ```
 */
export function toTRPCError(error: unknown): TRPCError {
  if (error instanceof TRPCError) return error;
  if (error instanceof ZodError) {
    return new TRPCError({ code: 'BAD_REQUEST', message: zodMessage(error), cause: error });
  }
  // `code: invalid region code "35-05": ...`, `year: must be ...`: the domain, the queries and the
  // export (`years 2030 to ... hold no observations: ...`) name the field and the value themselves.
  if (
    error instanceof InvalidRegionCodeError ||
    error instanceof QueryInputError ||
    error instanceof DivideInputError ||
    error instanceof ExportOptionsError
  ) {
    return new TRPCError({ code: 'BAD_REQUEST', message: error.message, cause: error });
  }
  // `unknown region code: 35.99`; `no data for 35 in 2031`.
  if (error instanceof UnknownRegionError || error instanceof NoDataError) {
    return new TRPCError({ code: 'NOT_FOUND', message: error.message, cause: error });
  }
  // Users: 401 without (or with wrong) credentials, 403 below the role, 429 after too many failed
  // logins (the message says when to try again).
  if (error instanceof LoginRequiredError || error instanceof BadCredentialsError) {
    return new TRPCError({ code: 'UNAUTHORIZED', message: error.message, cause: error });
  }
  if (error instanceof RoleRequiredError) {
    return new TRPCError({ code: 'FORBIDDEN', message: error.message, cause: error });
  }
  if (error instanceof LoginRateLimitedError) {
    return new TRPCError({ code: 'TOO_MANY_REQUESTS', message: error.message, cause: error });
  }
  // The SQL console (sql.query): a refused or invalid statement is 400 with DuckDB's own words (it
  // names the token, table or column); the time limit 408; the memory limit 422; a full queue or
  // a user over their rate 429; a worker that could not start 503.
  if (error instanceof SqlSandboxError) {
    const code = (
      {
        refused: 'BAD_REQUEST',
        invalid: 'BAD_REQUEST',
        time: 'TIMEOUT',
        memory: 'UNPROCESSABLE_CONTENT',
        busy: 'TOO_MANY_REQUESTS',
        crashed: 'SERVICE_UNAVAILABLE',
      } as const
    )[error.kind];
    return new TRPCError({ code, message: error.message, cause: error });
  }
  if (error instanceof SqlRateLimitedError) {
    return new TRPCError({ code: 'TOO_MANY_REQUESTS', message: error.message, cause: error });
  }
  if (
    error instanceof NoAuthStoreError ||
    error instanceof NoDataStoreError ||
    error instanceof NoSqlRunnerError
  ) {
    return new TRPCError({ code: 'NOT_IMPLEMENTED', message: error.message, cause: error });
  }
  if (error instanceof UnknownUserError || error instanceof UnknownTokenError) {
    return new TRPCError({ code: 'NOT_FOUND', message: error.message, cause: error });
  }
  if (error instanceof UserExistsError) {
    return new TRPCError({ code: 'CONFLICT', message: error.message, cause: error });
  }
  if (error instanceof WeakPasswordError || error instanceof InvalidUserNameError) {
    return new TRPCError({ code: 'BAD_REQUEST', message: error.message, cause: error });
  }
  if (error instanceof AuthLockedError) {
    return new TRPCError({
      code: 'SERVICE_UNAVAILABLE',
      message: 'the user store is busy; try again shortly',
      cause: error,
    });
  }
  // The data directory (issue 10): another write running is 409, naming since when (not the lock
  // file's path or host, which are the server's business); a version that cannot be rolled back
  // to is 404 naming why (never published, pruned, or already current); a full disk is 503.
  if (error instanceof WriteLockedError) {
    return new TRPCError({
      code: 'CONFLICT',
      message: `another write is running on the data (since ${error.startedAt}); nothing was written: try again when it has finished`,
      cause: error,
    });
  }
  if (error instanceof UnknownVersionError) {
    return new TRPCError({ code: 'NOT_FOUND', message: error.message, cause: error });
  }
  if (error instanceof DiskSpaceError) {
    return new TRPCError({
      code: 'SERVICE_UNAVAILABLE',
      message: `not enough disk space on the server for a new version (${Math.ceil(error.neededBytes / 1e6)} MB needed, ${Math.floor(error.freeBytes / 1e6)} MB free); nothing was written`,
      cause: error,
    });
  }
  if (error instanceof QueryTimeoutError) {
    return new TRPCError({
      code: 'TIMEOUT',
      message: `the query took longer than ${error.timeoutMs} ms and was stopped; narrow the region or try again`,
      cause: error,
    });
  }
  if (error instanceof ConnectionQueueFullError) {
    return new TRPCError({
      code: 'SERVICE_UNAVAILABLE',
      message: `the server is busy (its queue of ${error.maxQueued} waiting requests is full); try again shortly`,
      cause: error,
    });
  }
  if (error instanceof QueryInterruptedError) {
    return new TRPCError({
      code: 'SERVICE_UNAVAILABLE',
      message: 'the server is shutting down; try again shortly',
      cause: error,
    });
  }
  return new TRPCError({
    code: 'INTERNAL_SERVER_ERROR',
    message: INTERNAL_ERROR_MESSAGE,
    cause: error,
  });
}

/**
 * 4xx codes that may not hold next time: the same request can succeed later. 401 and 403 answer
 * who asked, not what: never an answer to keep for the next caller.
 */
const TRANSIENT_CLIENT_ERRORS: ReadonlySet<TRPC_ERROR_CODE_KEY> = new Set([
  'UNAUTHORIZED',
  'FORBIDDEN',
  'TIMEOUT',
  'TOO_MANY_REQUESTS',
  'CLIENT_CLOSED_REQUEST',
]);

/**
 * Whether `error` is the answer to its input rather than an accident: a 4xx that asking again
 * would get again until the data changes (bad input, an unknown region, no data for a year), so
 * the result cache may keep it per data version. Timeouts, 429, internal errors and 503s are not.
 *
 * @example
 * ```ts
 * isDeterministicError(new NoDataError('no data for 35 in 2031')); // true
 * isDeterministicError(new QueryTimeoutError(10_000)); // false
 * ```
 */
export function isDeterministicError(error: unknown): boolean {
  const mapped = toTRPCError(error);
  const status = getHTTPStatusCodeFromError(mapped);
  return status >= 400 && status < 500 && !TRANSIENT_CLIENT_ERRORS.has(mapped.code);
}

/** `code: invalid region code "35-05": ...; year: must be ...` */
export function zodMessage(error: ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'input'}: ${issue.message}`)
    .join('; ');
}
