import type { DuckDBInstance } from '@duckdb/node-api';
import type { DatabaseConnection } from 'kysely';

/**
 * Config for the {@link DuckDBDialect}.
 */
export interface DuckDBDialectConfig {
  /**
   * A `DuckDBInstance` from `@duckdb/node-api`, or a function that creates one.
   *
   * A function is called once, when the first query runs, so creating a `Kysely` instance opens
   * no file. Either way the dialect owns the instance from then on: `db.destroy()` closes its
   * connections and the instance, so the same process can open the file again.
   *
   * DuckDB lets one process hold a database file open read-write only once; create one
   * instance per file (or use `DuckDBInstance.fromCache`).
   */
  instance: DuckDBInstance | (() => Promise<DuckDBInstance>);

  /**
   * Whether `db.destroy()` closes the instance too. Default true; false for a second pool on an
   * instance another dialect owns (e.g. a connection reserved for health checks).
   */
  closeInstance?: boolean;

  /**
   * How many connections to the instance the pool opens. Default 4.
   *
   * One DuckDB connection runs one statement at a time; a query waits in a queue while all
   * connections are busy. DuckDB parallelises each query internally, so a few are enough.
   */
  poolSize?: number;

  /**
   * Interrupt a statement that runs longer than this (milliseconds) and reject it with
   * `QueryTimeoutError`. Only statements outside a transaction are bounded: a seed or an import
   * runs in one and is meant to take its time. Default: no limit.
   */
  queryTimeoutMs?: number;

  /**
   * Most callers that may wait for a connection while all are busy; one more is refused at once
   * with `ConnectionQueueFullError` instead of waiting behind them. Default: no limit.
   */
  maxQueued?: number;

  /**
   * When aborted, statements running on the pool are interrupted in DuckDB and rejected with
   * `QueryInterruptedError`, and so is every later query and every caller waiting for a
   * connection. A server aborts it at the end of its shutdown grace period, so `db.destroy()`,
   * which waits for running statements, can close the file without waiting longer.
   */
  signal?: AbortSignal;

  /**
   * Called once for every pooled connection, after it is opened and its `TimeZone` set to UTC.
   * Use it for per-connection settings, e.g. `SET memory_limit = '1GB'`.
   */
  onCreateConnection?: (connection: DatabaseConnection) => Promise<void>;
}
