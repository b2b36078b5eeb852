import type { DuckDBConnection as DuckDBNodeConnection } from '@duckdb/node-api';

// What the in-memory copies of a served version's tables are made of (figure-memory.ts,
// village-memory.ts): typed columns filled a DuckDB chunk at a time.

/** A column of doubles that may hold nulls: the values, and a byte per row set where null. */
export class NullableColumn {
  readonly #values: Float64Array;
  #nulls: Uint8Array | null = null;

  constructor(rows: number) {
    this.#values = new Float64Array(rows);
  }

  set(i: number, v: unknown): void {
    if (v === null || v === undefined) {
      this.#nulls ??= new Uint8Array(this.#values.length);
      this.#nulls[i] = 1;
    } else this.#values[i] = Number(v);
  }

  at(i: number): number | null {
    return this.#nulls?.[i] === 1 ? null : (this.#values[i] as number);
  }
}

/**
 * Streams `query`'s rows a DuckDB chunk (2048 rows) at a time to `row(i, get)`, `get(c)` giving
 * column c of row i: no array of every row is built, so reading a table whole costs its typed
 * columns and one chunk (reading scope_children with getColumnsJS took 190 MB of resident memory
 * for 20 MB of columns).
 */
export async function streamRows(
  connection: DuckDBNodeConnection,
  query: string,
  row: (i: number, get: (column: number) => unknown) => void,
): Promise<number> {
  const result = await connection.stream(query);
  let base = 0;
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    const vectors = Array.from({ length: chunk.columnCount }, (_, c) => chunk.getColumnVector(c));
    for (let i = 0; i < chunk.rowCount; i++) {
      row(base + i, (c) => vectors[c]?.getItem(i));
    }
    base += chunk.rowCount;
  }
  return base;
}

/** The rows of `table` (a name of ours, never input). */
export async function countRows(connection: DuckDBNodeConnection, table: string): Promise<number> {
  const result = await connection.runAndReadAll(`select count(*)::integer from ${table}`);
  return Number(result.getRows()[0]?.[0] ?? 0);
}
