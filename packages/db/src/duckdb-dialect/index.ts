export { DuckDBAdapter } from './duckdb-adapter.js';
export { DuckDBDialect } from './duckdb-dialect.js';
export type { DuckDBDialectConfig } from './duckdb-dialect-config.js';
export { DuckDBDriver } from './duckdb-driver.js';
export { DuckDBIntrospector } from './duckdb-introspector.js';
export { DuckDBQueryError } from './duckdb-query-error.js';
export { QueryTimeoutError } from './duckdb-query-timeout-error.js';
export { duckDBValueConverter, type DuckDBRowValue } from './duckdb-value-converter.js';
