import { sql, type RawBuilder } from 'kysely';

/**
 * SQL text as a Kysely fragment, unparameterised: the one door to `sql.raw` in this package (a
 * published migration keeps its own), so a
 * search for `trustedSql` finds every place text is spliced. The text must be assembled from
 * constants and this module's quoting functions ({@link sqlLiteral}, {@link sqlIdentifier}),
 * never from a value as given. Use it where DuckDB takes no parameter (a table function's file
 * argument, COPY, ATTACH) or for a statement made of such pieces.
 *
 * @example
 * ```ts
 * await sql`select * from read_csv(${trustedSql(sqlLiteral(file))})`.execute(db);
 * ```
 */
export function trustedSql<T = unknown>(text: string): RawBuilder<T> {
  return sql.raw<T>(text);
}
