/**
 * The dialect's `signal` was aborted (the server is shutting down): the statement that was running
 * was interrupted in DuckDB, or the query never started. Nothing is wrong with the query.
 *
 * @example
 * ```ts
 * if (error instanceof QueryInterruptedError) respondWith(503);
 * ```
 */
export class QueryInterruptedError extends Error {
  override readonly name = 'QueryInterruptedError';
  constructor(options?: { cause?: unknown }) {
    super('query interrupted: the database is closing', options);
  }
}
