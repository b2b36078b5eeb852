import { initTRPC } from '@trpc/server';
import { z, ZodError } from 'zod';
import type { Context } from './context.js';
import { INTERNAL_ERROR_MESSAGE, toTRPCError, zodMessage } from './errors.js';

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
      },
    };
  },
});

/** Maps every error a procedure throws, in one place ({@link toTRPCError}). */
const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (result.ok) return result;
  const { error } = result;
  // tRPC wraps whatever a resolver throws in INTERNAL_SERVER_ERROR (and a failed input schema in
  // BAD_REQUEST) with the original as `cause`: map the original. A TRPCError thrown on purpose
  // with another code keeps it.
  const wrapped = error.code === 'INTERNAL_SERVER_ERROR' || error.cause instanceof ZodError;
  throw toTRPCError(wrapped ? (error.cause ?? error) : error);
});

/**
 * Runs the procedure with `ctx.db` bound to one pooled connection, taken before its first
 * statement and released after its last. Taking a connection per statement let a request's later
 * statements (data version, region check, aggregation) queue behind every request that arrived
 * after it, so under a burst almost nothing finished until the whole backlog drained (issue 13).
 * The pool's queue is thus a queue of requests, first come, first served, and bounded: when it is
 * full the driver refuses at once (ConnectionQueueFullError, 503).
 *
 * The result cache shares a computation's promise between concurrent requests; the computation
 * runs on the connection of the request that started it, which awaits it before its connection
 * is released, so a shared promise never outlives the connection it runs on.
 */
const oneConnection = t.middleware(({ ctx, next }) =>
  ctx.db.connection().execute((db) => next({ ctx: { db } })),
);

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
/** Every procedure that reads the database: errors mapped once, one connection per request. */
export const publicProcedure = t.procedure.use(mapErrors).use(oneConnection);
/**
 * For `health` (which has a connection of its own, `ctx.healthDb`) and procedures that touch no
 * database: errors mapped, no pooled connection taken, so they never queue behind queries.
 */
export const poolFreeProcedure = t.procedure.use(mapErrors);
