import { assertNoNul } from './sql-literal.js';

/**
 * A name (a table, column or schema) as a DuckDB quoted identifier: double-quoted with `"`
 * doubled, so any text, a keyword or `a;--b` included, is one name and never more SQL. Throws on
 * an empty name and on a NUL character (DuckDB's parser stops at one).
 *
 * Prefer Kysely's `sql.ref` / `sql.table` inside a `sql` template; this is for SQL assembled as
 * text (COPY, ATTACH, COMMENT ON).
 *
 * @example
 * ```ts
 * sqlIdentifier('village_index'); // '"village_index"'
 * sqlIdentifier('a"b'); // '"a""b"'
 * ```
 */
export function sqlIdentifier(name: string): string {
  if (typeof name !== 'string' || name === '') {
    throw new Error(`sqlIdentifier: expected a non-empty name, got ${JSON.stringify(name)}`);
  }
  assertNoNul('sqlIdentifier', name);
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * A dotted name (`schema.table`, `alias.column`) with each part quoted by {@link sqlIdentifier}.
 *
 * @example
 * ```ts
 * sqlQualifiedIdentifier('pandu_export', 'regions'); // '"pandu_export"."regions"'
 * ```
 */
export function sqlQualifiedIdentifier(...parts: readonly string[]): string {
  return parts.map(sqlIdentifier).join('.');
}
