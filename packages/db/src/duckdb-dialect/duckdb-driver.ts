import type { DuckDBInstance } from '@duckdb/node-api';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type TransactionSettings,
} from 'kysely';
import { DuckDBConnection } from './duckdb-connection.js';
import type { DuckDBDialectConfig } from './duckdb-dialect-config.js';
import { QueryInterruptedError } from './duckdb-interrupted-error.js';
import { ConnectionQueueFullError } from './duckdb-queue-full-error.js';
import { requestTicket } from './duckdb-request-order.js';

const DEFAULT_POOL_SIZE = 4;

interface Waiter {
  /** Lower is served first: the request's ticket (`inRequestOrder`). */
  ticket: number;
  resolve: (connection: DuckDBConnection) => void;
  reject: (error: Error) => void;
}

/**
 * Kysely driver for `@duckdb/node-api`: a fixed pool of connections to one `DuckDBInstance`.
 *
 * A connection is handed to one query (or one transaction) at a time; callers wait when all are
 * busy, served in request order (`inRequestOrder`; first come, first served outside one). At most
 * `maxQueued` wait: a newer request is then refused at once, while a statement of a request that
 * is older than one already waiting (it has run statements before) still queues, so admitted work
 * is not thrown away and the queue stays bounded by the requests admitted. Transactions are BEGIN/COMMIT/ROLLBACK on the acquired connection.
 * DuckDB has no savepoints (`savepoint` is a syntax error), so the savepoint methods are
 * absent and Kysely reports them as unsupported.
 */
export class DuckDBDriver implements Driver {
  readonly #config: DuckDBDialectConfig;
  readonly #poolSize: number;
  #instance?: DuckDBInstance;
  #connections: DuckDBConnection[] = [];
  #idle: DuckDBConnection[] = [];
  #waiters: Waiter[] = [];
  #destroyed = false;

  constructor(config: DuckDBDialectConfig) {
    const poolSize = config.poolSize ?? DEFAULT_POOL_SIZE;
    if (!Number.isSafeInteger(poolSize) || poolSize < 1) {
      throw new RangeError(`invalid poolSize: ${poolSize}`);
    }
    this.#config = Object.freeze({ ...config });
    this.#poolSize = poolSize;
    config.signal?.addEventListener(
      'abort',
      () => {
        for (const waiter of this.#waiters.splice(0)) waiter.reject(new QueryInterruptedError());
      },
      { once: true },
    );
  }

  async init(): Promise<void> {
    const { instance } = this.#config;
    this.#instance = typeof instance === 'function' ? await instance() : instance;
    try {
      for (let i = 0; i < this.#poolSize; i++) {
        const connection = new DuckDBConnection(await this.#instance.connect(), {
          queryTimeoutMs: this.#config.queryTimeoutMs,
          signal: this.#config.signal,
        });
        this.#connections.push(connection);
        // DuckDB's TimeZone setting (per connection) defaults to the process time zone, which
        // would shift TIMESTAMP -> TIMESTAMPTZ casts, date_trunc on TIMESTAMPTZ and the text of
        // TIMESTAMPTZ values with the server's TZ. Pin it so results do not depend on the host.
        await connection.executeQuery(CompiledQuery.raw("set TimeZone = 'UTC'"));
        await this.#config.onCreateConnection?.(connection);
      }
    } catch (error) {
      this.#close();
      throw error;
    }
    this.#idle = [...this.#connections];
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    if (this.#destroyed) throw new Error('the DuckDB driver has been destroyed');
    if (this.#config.signal?.aborted) throw new QueryInterruptedError();
    const connection = this.#idle.pop();
    if (connection) return connection;
    const ticket = requestTicket();
    const waiters = this.#waiters;
    const newest = waiters.at(-1)?.ticket ?? -1;
    const { maxQueued } = this.#config;
    if (maxQueued !== undefined && waiters.length >= maxQueued && ticket > newest) {
      throw new ConnectionQueueFullError(maxQueued);
    }
    return new Promise((resolve, reject) => {
      const waiter = { ticket, resolve, reject };
      // Usually the newest: a quick look from the end, not a sort.
      let i = waiters.length;
      while (i > 0 && (waiters[i - 1]?.ticket ?? -1) > ticket) i--;
      waiters.splice(i, 0, waiter);
    });
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    const waiter = this.#waiters.shift();
    if (waiter) waiter.resolve(asDuckDBConnection(connection));
    else this.#idle.push(asDuckDBConnection(connection));
  }

  async beginTransaction(
    connection: DatabaseConnection,
    settings: TransactionSettings,
  ): Promise<void> {
    await asDuckDBConnection(connection).beginTransaction(settings);
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await asDuckDBConnection(connection).commitTransaction();
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await asDuckDBConnection(connection).rollbackTransaction();
  }

  /**
   * Closes every connection and the instance, so the database file can be opened again. Queued
   * callers are rejected; statements still running are waited for first (abort the config's
   * `signal` to interrupt them), because closing a DuckDB connection while it runs a statement
   * can deadlock the process in DuckDB's `ClientContext` destructor (issue 13). A connection
   * held without a statement running (an open transaction) is closed at once.
   */
  async destroy(): Promise<void> {
    this.#destroyed = true;
    for (const waiter of this.#waiters.splice(0)) {
      waiter.reject(new Error('the DuckDB driver was destroyed while waiting for a connection'));
    }
    await Promise.all(this.#connections.map((connection) => connection.whenIdle()));
    this.#close();
  }

  #close(): void {
    for (const connection of this.#connections.splice(0)) connection.close();
    this.#idle = [];
    if (this.#config.closeInstance !== false) this.#instance?.closeSync();
    this.#instance = undefined;
  }
}

function asDuckDBConnection(connection: DatabaseConnection): DuckDBConnection {
  if (connection instanceof DuckDBConnection) return connection;
  throw new TypeError('expected a connection acquired from the DuckDB driver');
}
