import type { SqlAnswer } from '@pandu/db';
import { LoginRateLimiter } from './login-rate-limiter.js';

/**
 * What `sql.query` needs from the host: a runner of one read-only statement outside the API's own
 * DuckDB (the server gives an `SqlSandbox` from @pandu/db). Absent: `sql.query` answers 501.
 */
export interface SqlRunner {
  query(sql: string, limit?: number): Promise<SqlAnswer>;
}

/**
 * The console as the API offers it: the host's runner behind a per-user rate limit
 * (`perMinute` queries in any 60 s, default 30; in memory, per process).
 *
 * @example
 * ```ts
 * const sql = new SqlConsole(new SqlSandbox({ currentFile }), { perMinute: 30 });
 * createInnerContext({ db, dbPath, cache: null, sql });
 * ```
 */
export class SqlConsole {
  // The sliding window of LoginRateLimiter, counting queries where it counts failed logins.
  readonly #limiter: LoginRateLimiter;

  constructor(
    readonly runner: SqlRunner,
    options: { perMinute?: number; now?: () => number } = {},
  ) {
    this.#limiter = new LoginRateLimiter(options.perMinute ?? 30, 60_000, 10_000, options.now);
  }

  /** Run `sql` for `user`, or throw SqlRateLimitedError when they are over their rate. */
  query(user: string, sql: string, limit?: number): Promise<SqlAnswer> {
    const key = [`user:${user}`];
    const wait = this.#limiter.retryAfterSeconds(key);
    if (wait > 0) return Promise.reject(new SqlRateLimitedError(wait));
    this.#limiter.fail(key);
    return this.runner.query(sql, limit);
  }
}

/** The server runs no SQL console (no sandbox was given): 501. */
export class NoSqlRunnerError extends Error {
  override readonly name = 'NoSqlRunnerError';
  constructor() {
    super('this server runs no SQL console');
  }
}

/** A user asked more queries than the console allows per minute: 429, saying when to retry. */
export class SqlRateLimitedError extends Error {
  override readonly name = 'SqlRateLimitedError';
  constructor(readonly retryAfterSeconds: number) {
    super(
      `too many queries in the last minute; try again in ${retryAfterSeconds} s (the console allows PANDU_SQL_PER_MINUTE per user)`,
    );
  }
}
