// Zod-free, like indicators/measure-scales.ts: a browser bundle that needs only the list (the
// dashboard's download form) leaves zod out. The schema built from it is in export-format.ts.

/**
 * The formats a dataset export is written in: Parquet partitioned by province and year, one CSV
 * per table, or a single DuckDB database file; see `ExportFormat`.
 *
 * @example
 * ```ts
 * EXPORT_FORMATS[0]; // 'parquet'
 * ```
 */
export const EXPORT_FORMATS = ['parquet', 'csv', 'duckdb'] as const;
