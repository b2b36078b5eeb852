import {
  PostgresQueryCompiler,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
} from 'kysely';
import { DuckDBAdapter } from './duckdb-adapter.js';
import type { DuckDBDialectConfig } from './duckdb-dialect-config.js';
import { DuckDBDriver } from './duckdb-driver.js';
import { DuckDBIntrospector } from './duckdb-introspector.js';

/**
 * Kysely dialect for DuckDB through `@duckdb/node-api`.
 *
 * DuckDB speaks Postgres' SQL closely enough that Kysely's Postgres query compiler serves it
 * (`"quoted"` identifiers, `$1` parameters, `returning`, `on conflict`). Rows come back
 * JSON-plain: numbers instead of `bigint`, `'YYYY-MM-DD'` for DATE and ISO strings for
 * TIMESTAMP; see `duckDBValueConverter`. Failed queries throw {@link DuckDBQueryError}.
 *
 * The constructor takes a {@link DuckDBDialectConfig}:
 *
 * @example
 * ```ts
 * import { DuckDBInstance } from '@duckdb/node-api';
 * import { Kysely } from 'kysely';
 *
 * const db = new Kysely<Database>({
 *   dialect: new DuckDBDialect({
 *     // called on the first query; ':memory:' for an in-memory database
 *     instance: () => DuckDBInstance.create('pandu.duckdb'),
 *     poolSize: 4,
 *   }),
 * });
 * const villages = await db.selectFrom('village').select(['code', 'name']).execute();
 * await db.destroy(); // closes the connections and the file
 * ```
 */
export class DuckDBDialect implements Dialect {
  readonly #config: DuckDBDialectConfig;

  constructor(config: DuckDBDialectConfig) {
    this.#config = Object.freeze({ ...config });
  }

  createDriver(): Driver {
    return new DuckDBDriver(this.#config);
  }

  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler();
  }

  createAdapter(): DialectAdapter {
    return new DuckDBAdapter();
  }

  createIntrospector(db: Kysely<object>): DatabaseIntrospector {
    return new DuckDBIntrospector(db);
  }
}
