import { TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import { InvalidRegionCodeError, DivideInputError } from '@pandu/domain';
import { NoDataError, QueryInputError, QueryTimeoutError, UnknownRegionError } from '@pandu/db';

/**
 * The one place errors become API errors. Bad input is BAD_REQUEST naming the field, an unknown
 * region NOT_FOUND naming the code, a runaway query TIMEOUT; anything else is an internal error
 * whose message and stack stay in the server log: no SQL text or stack trace reaches a client.
 *
 * @example
 * ```ts
 * toTRPCError(new UnknownRegionError('35.99')).code; // 'NOT_FOUND'
 * ```
 */
export function toTRPCError(error: unknown): TRPCError {
  if (error instanceof TRPCError) return error;
  if (error instanceof UnknownRegionError) {
    return new TRPCError({ code: 'NOT_FOUND', message: error.message, cause: error });
  }
  if (error instanceof NoDataError) {
    return new TRPCError({ code: 'NOT_FOUND', message: error.message, cause: error });
  }
  if (error instanceof InvalidRegionCodeError || error instanceof QueryInputError) {
    return new TRPCError({ code: 'BAD_REQUEST', message: error.message, cause: error });
  }
  if (error instanceof DivideInputError) {
    return new TRPCError({ code: 'BAD_REQUEST', message: error.message, cause: error });
  }
  if (error instanceof ZodError) {
    return new TRPCError({ code: 'BAD_REQUEST', message: zodMessage(error), cause: error });
  }
  if (error instanceof SyntaxError) {
    // tRPC parses the `input` query parameter lazily, inside the procedure.
    return new TRPCError({ code: 'BAD_REQUEST', message: 'input is not valid JSON', cause: error });
  }
  if (error instanceof QueryTimeoutError) {
    return new TRPCError({
      code: 'TIMEOUT',
      message: 'the query took too long and was stopped; narrow the region or try again',
      cause: error,
    });
  }
  return new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'internal error', cause: error });
}

/** `code: invalid region code "35-05": ...; year: must be ...` */
export function zodMessage(error: ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'input'}: ${issue.message}`)
    .join('; ');
}
