import { parquetWriteBuffer } from 'hyparquet-writer';
import { toCsv } from './csv.js';

/** A console answer, as `sql.query` returns it. */
export interface QueryAnswer {
  columns: readonly { name: string; type: string }[];
  rows: readonly (readonly unknown[])[];
}

/** A value as one CSV cell: lists and structs as JSON text. */
function cellValue(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') {
    return value;
  }
  return JSON.stringify(value);
}

/**
 * An answer as CSV (RFC 4180, the dashboard's `toCsv`: full-precision numbers, formula-looking
 * text defused), one header row of column names.
 *
 * @example
 * ```ts
 * answerCsv({ columns: [{ name: 'n', type: 'BIGINT' }], rows: [[3]] }); // 'n\r\n3\r\n'
 * ```
 */
export function answerCsv(answer: QueryAnswer): string {
  return toCsv(
    answer.rows,
    answer.columns.map((column, i) => ({ header: column.name, value: (row) => cellValue(row[i]) })),
  );
}

type ParquetType = 'BOOLEAN' | 'INT32' | 'INT64' | 'DOUBLE' | 'STRING' | 'JSON';

/** The Parquet type a DuckDB column is written as; dates and times as their ISO text. */
function parquetType(type: string): ParquetType {
  if (type === 'BOOLEAN') return 'BOOLEAN';
  if (/^(TINYINT|SMALLINT|INTEGER|UTINYINT|USMALLINT)$/.test(type)) return 'INT32';
  if (/^(BIGINT|UINTEGER)$/.test(type)) return 'INT64';
  if (/^(FLOAT|DOUBLE|DECIMAL\(\d+,\s*\d+\)|HUGEINT|UBIGINT|UHUGEINT)$/.test(type)) return 'DOUBLE';
  if (/\[\d*\]$|^(STRUCT|MAP|UNION)\b/.test(type)) return 'JSON';
  return 'STRING';
}

function parquetValue(type: ParquetType, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'INT64':
      return BigInt(value as number | string);
    case 'DOUBLE':
      return Number(value);
    case 'INT32':
    case 'BOOLEAN':
      return value;
    case 'JSON':
      return JSON.stringify(value);
    case 'STRING':
      return typeof value === 'string' ? value : JSON.stringify(value);
  }
}

/**
 * An answer as a Parquet file (hyparquet-writer): integers as INT32/INT64, fractions and
 * decimals as DOUBLE (a DECIMAL loses its exactness beyond 15-17 digits), text, dates and times
 * as UTF-8 strings, lists and structs as JSON text.
 *
 * @example
 * ```ts
 * const bytes = answerParquet({ columns: [{ name: 'n', type: 'BIGINT' }], rows: [[3]] });
 * ```
 */
export function answerParquet(answer: QueryAnswer): ArrayBuffer {
  return parquetWriteBuffer({
    columnData: answer.columns.map((column, i) => {
      const type = parquetType(column.type);
      return {
        name: column.name,
        type,
        data: answer.rows.map((row) => parquetValue(type, row[i])),
      };
    }),
  });
}
