import type { ServerResponse } from 'node:http';
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { TRPC_ERROR_CODES_BY_KEY, type TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';

// JSON answers of the HTTP layer (the tRPC endpoint's own refusals and the plain routes beside it),
// in the shape tRPC gives its errors, so a client reads every error of the API the same way.

/** An error body as tRPC's errorFormatter shapes it (apps/server/src/trpc.ts). */
export interface ApiErrorBody {
  error: {
    message: string;
    code: number;
    data: {
      code: TRPC_ERROR_CODE_KEY;
      httpStatus: number;
      path: null;
      fieldErrors: Record<string, string[] | undefined> | null;
    };
  };
}

/**
 * An error answered by the HTTP layer, in the shape tRPC's own errors have.
 *
 * @example
 * ```ts
 * send(res, 400, trpcError('BAD_REQUEST', 'format: must be parquet, csv or duckdb', { format: ['...'] }));
 * ```
 */
export function trpcError(
  code: TRPC_ERROR_CODE_KEY,
  message: string,
  fieldErrors: Record<string, string[] | undefined> | null = null,
): ApiErrorBody {
  return {
    error: {
      message,
      code: TRPC_ERROR_CODES_BY_KEY[code],
      data: { code, httpStatus: httpStatusOf(code), path: null, fieldErrors },
    },
  };
}

/** The HTTP status tRPC answers a code with (`NOT_FOUND` is 404). */
export function httpStatusOf(code: TRPC_ERROR_CODE_KEY): number {
  return getHTTPStatusCodeFromError(new TRPCError({ code }));
}

/** Answer with a JSON body (or none for `null`); an error is never cached. */
export function send(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  if (status >= 400) res.setHeader('Cache-Control', 'no-store');
  if (body === null) {
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.setHeader('Content-Type', 'application/json');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}
