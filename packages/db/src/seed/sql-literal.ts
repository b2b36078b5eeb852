/**
 * Render a value as a SQL literal, for the generator's constant tables (VALUES lists built from
 * the calibration constants). Only numbers, strings and null are accepted; strings are quoted with
 * '' doubling. User input never goes through here: imports bind parameters or read files in DuckDB.
 */
export function sqlLiteral(value: string | number | null): string {
  if (value === null) return 'null';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`sqlLiteral: not a finite number: ${value}`);
    return String(value);
  }
  return `'${value.replaceAll("'", "''")}'`;
}

/** `(a, b), (c, d)` from rows of values. */
export function sqlValues(rows: ReadonlyArray<ReadonlyArray<string | number | null>>): string {
  return rows.map((row) => `(${row.map(sqlLiteral).join(', ')})`).join(',\n');
}
