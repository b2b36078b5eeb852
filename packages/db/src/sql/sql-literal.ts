// Literals spliced into SQL text. Kysely binds parameters wherever DuckDB takes them; these are
// for the places it does not: table functions that need a constant (`read_csv('file')`), COPY and
// ATTACH targets, COMMENT ON, and the seed's VALUES lists. File paths come from the user (import
// and export), so everything here treats its input as hostile.

/** A value {@link sqlLiteral} can write. */
export type SqlLiteralValue = string | number | boolean | null;

/**
 * A value as a DuckDB literal: strings single-quoted with `'` doubled (DuckDB's standard strings
 * give a backslash no meaning, so it needs no escape), finite numbers as written, booleans and
 * null as keywords. Throws on a NUL character: DuckDB's parser stops reading the statement at
 * one, which would cut the rest of it off.
 *
 * @example
 * ```ts
 * sqlLiteral("Jum'at"); // "'Jum''at'"
 * sqlLiteral(3.5); // '3.5'
 * ```
 */
export function sqlLiteral(value: SqlLiteralValue): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`sqlLiteral: not a finite number: ${value}`);
    return String(value);
  }
  if (typeof value !== 'string') {
    throw new Error(`sqlLiteral: cannot write a ${typeof value} as a SQL literal`);
  }
  assertNoNul('sqlLiteral', value);
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * Rows of values as the body of a VALUES list: `(a, b), (c, d)`.
 *
 * @example
 * ```ts
 * sqlValues([['umkm', 1], ['pertanian', 2]]); // "('umkm', 1),\n('pertanian', 2)"
 * ```
 */
export function sqlValues(rows: ReadonlyArray<ReadonlyArray<SqlLiteralValue>>): string {
  return rows.map((row) => `(${row.map(sqlLiteral).join(', ')})`).join(',\n');
}

/**
 * Values as a parenthesised list for `in (...)`: `('a', 'b')`. Throws on an empty list, which
 * DuckDB would reject with a less helpful parser error.
 *
 * @example
 * ```ts
 * sqlList(['35', '36']); // "('35', '36')"
 * ```
 */
export function sqlList(values: ReadonlyArray<SqlLiteralValue>): string {
  if (values.length === 0) throw new Error('sqlList: an empty list has no SQL spelling');
  return `(${values.map(sqlLiteral).join(', ')})`;
}

/** Throws when `text` holds a NUL character, naming the caller. */
export function assertNoNul(caller: string, text: string): void {
  const at = text.indexOf('\u0000');
  if (at >= 0)
    throw new Error(`${caller}: a NUL character (at position ${at + 1}) cannot be sent in SQL`);
}
