import type { DuckDBConnection as DuckDBNodeConnection } from '@duckdb/node-api';
import type { Kysely } from 'kysely';
import { DuckDBConnection } from '../duckdb-dialect/duckdb-connection.js';
import type { Database } from '../schema/database.js';

/**
 * Runs `work` on the `@duckdb/node-api` connection under `db`: inside `db`'s transaction when `db`
 * is one (Kysely's executor hands out the transaction's connection), else on a pooled connection
 * held for the duration. For a column-wise read into typed arrays and the appender, which Kysely's
 * row objects would make ten times slower.
 */
export async function withNativeConnection<T>(
  db: Kysely<Database>,
  work: (connection: DuckDBNodeConnection) => Promise<T>,
): Promise<T> {
  return db.getExecutor().provideConnection(async (connection) => {
    if (!(connection instanceof DuckDBConnection)) {
      throw new TypeError('expected a connection of the DuckDB dialect');
    }
    return connection.withNativeConnection(work);
  });
}
