import { initTRPC } from '@trpc/server';
import { ZodError } from 'zod';
import type { Context } from './context.js';
import { toTRPCError, zodMessage } from './errors.js';

const t = initTRPC.context<Context>().create({
  // Never put stack traces in responses, in development too.
  isDev: false,
  errorFormatter({ shape, error }) {
    const zod = error.cause instanceof ZodError ? error.cause : null;
    return {
      code: shape.code,
      // An input that fails its schema gets a message naming each field.
      message: zod ? zodMessage(zod) : shape.message,
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        path: shape.data.path,
        fieldErrors: zod ? zod.flatten().fieldErrors : null,
      },
    };
  },
});

/** Maps every error a procedure throws, in one place ({@link toTRPCError}). */
const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) throw toTRPCError(result.error.cause ?? result.error);
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
/** Every procedure: errors mapped once. */
export const publicProcedure = t.procedure.use(mapErrors);
