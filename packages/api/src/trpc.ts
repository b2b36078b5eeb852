import { initTRPC } from '@trpc/server';
import { z, ZodError } from 'zod';
import { inRequestOrder } from '@pandu/db';
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
 * Runs the procedure as one request for the database's wait queue (`inRequestOrder`): while all
 * pooled connections are busy, its statements go ahead of those of every later request, so a
 * burst is answered in arrival order instead of every request's last statement waiting behind
 * the whole backlog (issue 13). A connection is taken per statement, so a request waiting for a
 * shared cached result or for the event loop holds none. When the queue is full a new request is
 * refused at once (ConnectionQueueFullError, 503).
 */
const requestOrder = t.middleware(({ next }) => inRequestOrder(() => next()));

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
/** Every procedure: errors mapped once, its queries queued in request order. */
export const publicProcedure = t.procedure.use(mapErrors).use(requestOrder);
