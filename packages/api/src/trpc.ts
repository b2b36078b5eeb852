import { initTRPC } from '@trpc/server';
import { z, ZodError } from 'zod';
import { inRequestOrder } from '@pandu/db';
import { roleAllows, type UserRole } from '@pandu/domain';
import { LoginRateLimitedError, LoginRequiredError, RoleRequiredError } from './auth-errors.js';
import type { Context } from './context.js';
import { INTERNAL_ERROR_MESSAGE, toTRPCError, zodMessage } from './errors.js';
import { SqlRateLimitedError } from './sql-runner.js';

const t = initTRPC.context<Context>().create({
  // Never put stack traces in responses, in development too.
  isDev: false,
  errorFormatter({ shape, error }) {
    const zod = error.cause instanceof ZodError ? error.cause : null;
    return {
      code: shape.code,
      // An input that fails its schema gets a message naming each field. An internal error says
      // no more than that, whichever layer raised it: its cause (SQL, stack) stays in the log.
      message: zod
        ? zodMessage(zod)
        : error.code === 'INTERNAL_SERVER_ERROR'
          ? INTERNAL_ERROR_MESSAGE
          : shape.message,
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        path: shape.data.path,
        fieldErrors: zod ? z.flattenError(zod).fieldErrors : null,
        // A refused login says when the next may be tried, for a client to show.
        ...(error.cause instanceof LoginRateLimitedError ||
        error.cause instanceof SqlRateLimitedError
          ? { retryAfterSeconds: error.cause.retryAfterSeconds }
          : {}),
      },
    };
  },
});

/**
 * Every request's one middleware (tRPC copies its call options at each middleware level, so the
 * three concerns share a level instead of taking one each):
 * - with PANDU_PUBLIC=false (`ctx.publicRead === false`) and `needsReader`, reading needs a user;
 * - the procedure runs as one request for the database's wait queue (`inRequestOrder`): while all
 *   pooled connections are busy, its statements go ahead of those of every later request, so a
 *   burst is answered in arrival order instead of every request's last statement waiting behind
 *   the whole backlog (issue 13). A connection is taken per statement, so a request waiting for a
 *   shared cached result or for the event loop holds none. When the queue is full a new request
 *   is refused at once (ConnectionQueueFullError, 503);
 * - every error it throws is mapped in one place ({@link toTRPCError}).
 */
function requestMiddleware(needsReader: boolean) {
  return t.middleware(async ({ ctx, next }) => {
    if (needsReader && ctx.publicRead === false && !ctx.user) {
      throw toTRPCError(
        new LoginRequiredError("log in first: reading this server's data needs a user"),
      );
    }
    const result = await inRequestOrder(() => next());
    if (result.ok) return result;
    const { error } = result;
    // tRPC wraps whatever a resolver throws in INTERNAL_SERVER_ERROR (and a failed input schema in
    // BAD_REQUEST) with the original as `cause`: map the original. A TRPCError thrown on purpose
    // with another code keeps it.
    const wrapped = error.code === 'INTERNAL_SERVER_ERROR' || error.cause instanceof ZodError;
    throw toTRPCError(wrapped ? (error.cause ?? error) : error);
  });
}

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
/**
 * Open to anybody, even when reading needs a login: logging in, who am I, and health. Errors
 * mapped once, queries queued in request order.
 */
export const openProcedure = t.procedure.use(requestMiddleware(false));
/** Every read: errors mapped once, its queries queued in request order, a user needed when reading is not public. */
export const publicProcedure = t.procedure.use(requestMiddleware(true));

/**
 * A procedure for users with `role` or a higher one (`roleAllows`): UNAUTHORIZED (401) without a
 * user, FORBIDDEN (403) with a lower role. Its `ctx.user` is never null.
 *
 * @example
 * ```ts
 * rollback: roleProcedure('admin').input(RollbackInput).mutation(({ ctx }) => ...ctx.user.name),
 * ```
 */
export function roleProcedure(role: UserRole) {
  return publicProcedure.use(({ ctx, next }) => {
    if (!ctx.user) throw new LoginRequiredError();
    if (!roleAllows(ctx.user.role, role)) throw new RoleRequiredError(role, ctx.user.role);
    return next({ ctx: { user: ctx.user } });
  });
}
