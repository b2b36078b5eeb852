/**
 * A query that DuckDB (or this dialect, before sending it) refused. `message` is DuckDB's own
 * message, `sql` and `parameters` the compiled query, `cause` the original error.
 *
 * @example
 * ```ts
 * try {
 *   await db.selectFrom('nope').selectAll().execute();
 * } catch (error) {
 *   if (error instanceof DuckDBQueryError) console.error(error.message, error.sql);
 * }
 * ```
 */
export class DuckDBQueryError extends Error {
  override readonly name = 'DuckDBQueryError';
  readonly sql: string;
  readonly parameters: readonly unknown[];

  constructor(
    message: string,
    options: { sql: string; parameters: readonly unknown[]; cause: unknown },
  ) {
    super(message, { cause: options.cause });
    this.sql = options.sql;
    this.parameters = options.parameters;
  }
}
