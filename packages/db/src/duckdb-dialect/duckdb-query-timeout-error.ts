/**
 * A query ran longer than the dialect's `queryTimeoutMs` and was interrupted in DuckDB
 * (`connection.interrupt()`), so the connection is free again.
 *
 * @example
 * ```ts
 * if (error instanceof QueryTimeoutError) error.timeoutMs; // 5000
 * ```
 */
export class QueryTimeoutError extends Error {
  override readonly name = 'QueryTimeoutError';
  constructor(
    readonly timeoutMs: number,
    options?: { cause?: unknown },
  ) {
    super(`query interrupted after ${timeoutMs} ms`, options);
  }
}
