/**
 * @pandu/db: Pandu's DuckDB database, reached through Kysely.
 *
 * @example
 * ```ts
 * import { DuckDBInstance } from '@duckdb/node-api';
 * import { Kysely } from 'kysely';
 * import { DuckDBDialect } from '@pandu/db';
 *
 * const db = new Kysely<Database>({
 *   dialect: new DuckDBDialect({ instance: () => DuckDBInstance.create('pandu.duckdb') }),
 * });
 * ```
 * @packageDocumentation
 */
export * from './duckdb-dialect/index.js';
