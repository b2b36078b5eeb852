import type { Kysely } from 'kysely';
import type { Database } from '@pandu/db';
import type { AuthStore, DataStore } from '@pandu/db';
import type { AuthUser } from './auth-user.js';
import type { ResultCache } from './result-cache.js';
import type { SqlConsole } from './sql-runner.js';

/**
 * What every procedure gets. The inner context has no HTTP in it, so tests build it directly and
 * call procedures through `createCaller`.
 */
export interface Context {
  /** The database; its queries wait for a pooled connection in request order (`publicProcedure`). */
  db: Kysely<Database>;
  /**
   * A connection outside `db`'s pool for `health`, so it never waits behind queries
   * (`openServedDatabase`); without one, `health` uses `db`.
   */
  healthDb?: Kysely<Database> | undefined;
  /** The database file, for `health`. */
  dbPath: string;
  /** Results by procedure, input and data version; null disables caching. */
  cache: ResultCache | null;
  // Users (issue 10). Optional so that a context without them is an anonymous request to a
  // server without users, where reading is public.
  /** Who makes this request (the host resolves `Authorization: Bearer`); null or absent: nobody. */
  user?: AuthUser | null;
  /** Users, API tokens and sessions; null or absent: nobody can log in (`auth.login` answers 501). */
  auth?: AuthStore | null;
  /**
   * Whether reading needs no login (PANDU_PUBLIC, true by default). When false, every procedure
   * but `auth.login`, `auth.me`, `auth.policy` and `health` needs a user (401 without).
   */
  publicRead?: boolean;
  /** The request's bearer credential, so `auth.logout` can end that session. */
  bearer?: string | null;
  /** The client's address, which failed logins are counted against as well as the account. */
  clientAddress?: string | null;
  /**
   * The store version this request reads (the version of a data directory a server leased for
   * it; 0 for a single file served read-only): the result cache keys by it and `health` reports
   * it. Absent for a database opened by hand (scripts, tests), whose cache keys by
   * `dataset_meta.data_version` instead, read per request. A rollback repeats a data_version, so
   * a server always sets this.
   */
  version?: number | undefined;
  /**
   * The share of villages (0 to 1] a year needs to count as complete (PANDU_COMPLETE_COVERAGE);
   * absent: the db package's default, 0.9.
   */
  completeCoverage?: number | undefined;
  /**
   * The data directory's versions (history, rollback; issue 10); null or absent when the server
   * serves a single file, where `versions.*` answer 501.
   */
  store?: DataStore | null;
  /**
   * Runs `sql.query` outside the API's DuckDB (the server's SqlSandbox, rate-limited per user); null or absent: the
   * console answers 501.
   */
  sql?: SqlConsole | null;
}

/**
 * Build the context from its parts.
 *
 * @example
 * ```ts
 * const caller = createCaller(createInnerContext({ db, dbPath: 'x.duckdb', cache: null }));
 * ```
 */
export function createInnerContext(parts: Context): Context {
  return parts;
}
