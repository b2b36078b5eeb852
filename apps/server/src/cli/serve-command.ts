import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  AuthStore,
  DataStore,
  openDatabase,
  osActor,
  pendingMigrations,
  readCurrentPointer,
  ServedVersions,
  SqlSandbox,
  WriteLockedError,
} from '@pandu/db';
import { createInnerContext, ResultCache, SqlConsole } from '@pandu/api';
import { createApiServer, DEFAULT_LIMITS, type ContextSource } from '../http-server.js';
import { createImportUploads } from '../import-upload.js';
import { CliError } from './cli-error.js';
import { openDataStore } from './open-data-store.js';
import { createDefaultDatabase, seedDataDirectory } from './seed-command.js';

/** Exit codes after a second signal: 128 + the signal's number, as a shell reports it. */
const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;

/**
 * What `pandu serve` answers from: the current version of a data directory, switching to each
 * newly published one, or one DuckDB file, read-only.
 */
export type ServeSource = { data: string } | { db: string };

export interface ServeCommandOptions {
  source: ServeSource;
  /**
   * With no data yet (a data directory without a version, or a missing file), create it with the
   * default dataset; otherwise that is an error.
   */
  create: boolean;
  host: string;
  /** 0 picks a free port (the URL says which). */
  port: number;
  /** Draw the seed's progress bar. */
  interactive: boolean;
  /** DuckDB statements running longer are interrupted (API answers 408). */
  queryTimeoutMs: number;
  /** Results kept in memory; 0 turns the cache off. */
  cacheSize: number;
  /** Origins whose pages may read answers (CORS); none by default. */
  corsOrigins?: readonly string[];
  /** Requests that may wait for a database connection; more are answered 503 at once. */
  maxQueued: number;
  /** How long `stop()` lets requests in flight finish; it resolves within this. */
  shutdownGraceMs: number;
  /** The share of villages a year needs to be complete (PANDU_COMPLETE_COVERAGE; default 0.9). */
  completeCoverage?: number;
  /** Version files the data directory keeps when serve writes (version 1, uploads, rollback; default 5). */
  keepVersions?: number;
  /** The data directory whose users (auth.json) may log in; none: nobody can. */
  authDir?: string;
  /** Reading needs no login (PANDU_PUBLIC); default true. */
  publicRead?: boolean;
  /** How long a login session lasts, hours; default 12. */
  sessionHours?: number;
  /** Largest upload, bytes (PANDU_UPLOAD_LIMIT_BYTES). */
  uploadLimitBytes?: number;
  /** The SQL console's limits (PANDU_SQL_TIME_LIMIT_MS, PANDU_SQL_MEMORY_LIMIT,
   * PANDU_SQL_PER_MINUTE); defaults 10 s, 1GB, 30 queries per user per minute. */
  sql?: { timeMs?: number; memoryLimit?: string; perMinute?: number };
}

/**
 * What a parent process learns once the API listens, as one IPC message: a launcher (the
 * dashboard's `pnpm start`, the browser tests) spawns `pandu serve --port 0` with an IPC channel
 * and reads the address from this, never from the log.
 */
export interface ListeningMessage {
  event: 'listening';
  /** `http://127.0.0.1:41234` */
  url: string;
  /** `${url}/trpc` */
  trpc: string;
  /** The database file served first (a data directory's current version then). */
  db: string;
  /** The data directory followed; null when one file is served (`--db`). */
  data: string | null;
  /** The store version served first; 0 for one file. */
  version: number;
}

function announceListening(message: Omit<ListeningMessage, 'event'>): void {
  if (!process.send) return;
  process.send({ event: 'listening', ...message } satisfies ListeningMessage);
  // The channel must not keep the process alive once the server is stopped.
  process.channel?.unref();
}

/** A listening API. */
export interface RunningServer {
  /** `http://127.0.0.1:3100`; procedures are under `${url}/trpc/`. */
  url: string;
  /**
   * Stop accepting and close idle connections; let requests in flight finish for most of the
   * grace period, then interrupt their queries (they answer 503); close the database once no
   * statement runs. Resolves within the grace period: true if the database was closed, false if
   * DuckDB did not stop in time (left open). Idempotent.
   */
  stop: () => Promise<boolean>;
}

/**
 * `pandu serve`: create the data if missing and allowed, open the current version read-only and
 * serve the API until SIGINT/SIGTERM, switching to each version published meanwhile (every
 * request answered from the version it started on). Resolves with the URL once listening;
 * `stop()` closes the server and every open version.
 */
export async function serveCommand(options: ServeCommandOptions): Promise<RunningServer> {
  await ensureData(options);
  // Aborted at the grace deadline of a shutdown: interrupts the queries still running.
  const shutdown = new AbortController();
  const openOptions = {
    queryTimeoutMs: options.queryTimeoutMs,
    maxQueued: options.maxQueued,
    signal: shutdown.signal,
    poolSize: SERVED_POOL_SIZE,
    threads: servedThreads(),
  };
  const served =
    'data' in options.source
      ? await ServedVersions.open(options.source.data, openOptions)
      : await ServedVersions.single(options.source.db, openOptions);
  const cache = options.cacheSize > 0 ? new ResultCache(options.cacheSize) : null;
  // Users, tokens and sessions (auth.json in the data directory), shared with the CLI and the
  // other replicas; read again whenever one of them changes it.
  const auth = options.authDir
    ? await AuthStore.open(options.authDir, {
        sessionTtlMs: (options.sessionHours ?? 12) * 3_600_000,
      })
    : null;
  // The data directory's versions: uploads write the next one, `versions.*` list and roll back.
  const store =
    'data' in options.source
      ? await DataStore.open(options.source.data, {
          keep: options.keepVersions ?? 5,
          onMessage: (message) => console.error(`pandu api: ${message}`),
        })
      : null;
  const imports = store
    ? createImportUploads({
        store,
        ...(options.uploadLimitBytes ? { limitBytes: options.uploadLimitBytes } : {}),
      })
    : null;
  // The SQL console: clients' SQL runs in worker processes over the version current when the query
  // starts, never in this process's DuckDB. Workers start on the first query.
  const sandbox = new SqlSandbox({
    currentFile: () => served.current().file,
    ...(options.sql?.timeMs ? { timeMs: options.sql.timeMs } : {}),
    ...(options.sql?.memoryLimit ? { memoryLimit: options.sql.memoryLimit } : {}),
  });
  const sql = new SqlConsole(sandbox, { perMinute: options.sql?.perMinute ?? 30 });
  // Each request gets the version current when it arrives and keeps it until it is answered.
  const contexts: ContextSource = () => {
    const lease = served.lease();
    return {
      ctx: createInnerContext({
        db: lease.db,
        healthDb: lease.health,
        dbPath: lease.file,
        cache,
        version: lease.version,
        completeCoverage: options.completeCoverage,
        store,
        sql,
      }),
      release: lease.release,
    };
  };
  const server = createApiServer(contexts, DEFAULT_LIMITS, undefined, {
    corsOrigins: options.corsOrigins ?? [],
    auth,
    publicRead: options.publicRead ?? true,
    imports,
  });
  // Requests being answered, and whether a shutdown has begun: from then on every response says
  // `Connection: close`, so a kept-alive connection is not served on until the grace ends.
  const inFlight = new Set<ServerResponse>();
  let draining = false;
  let drained: (() => void) | undefined;
  server.prependListener('request', (_req, res: ServerResponse) => {
    inFlight.add(res);
    if (draining) res.setHeader('Connection', 'close');
    res.once('close', () => {
      inFlight.delete(res);
      if (!draining) return;
      // A connection whose response went out before the shutdown began is idle now.
      setImmediate(() => server.closeIdleConnections());
      if (inFlight.size === 0) drained?.();
    });
  });
  // The first version's figures, villages and profile rows are read into memory before the API
  // listens (national: about 3 s at start), so its first visitors do not share the two cores with
  // that read; a version published later is read in the background while it already serves.
  const firstLease = served.lease();
  try {
    await firstLease.warmed;
  } finally {
    firstLease.release();
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  const first = served.current();
  const data = 'data' in options.source ? options.source.data : null;
  console.log(
    data === null
      ? `pandu api listening on ${url}/trpc (database ${first.file}, read-only)`
      : `pandu api listening on ${url}/trpc (data ${data}, version ${first.version})`,
  );
  announceListening({ url, trpc: `${url}/trpc`, db: first.file, data, version: first.version });
  let stopping: Promise<boolean> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      const grace = options.shutdownGraceMs;
      const timers = new AbortController();
      const wait = (ms: number) => sleep(ms, undefined, { signal: timers.signal }).catch(() => {});
      try {
        // 1. Stop accepting; close idle keep-alive connections now, the others once answered.
        draining = true;
        for (const res of inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
        const allAnswered = new Promise<void>((resolve) => {
          drained = resolve;
          if (inFlight.size === 0) resolve();
        });
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        // 2. Requests in flight may finish until the last part of the grace period, which is kept
        // for answering 503 and for closing DuckDB (which checkpoints its WAL)...
        const closeBudget = Math.min(1_500, grace * 0.4);
        const answerBudget = Math.min(250, grace * 0.1);
        await Promise.race([allAnswered, wait(grace - closeBudget - answerBudget)]);
        // 3. ...then their queries are interrupted, and they answer 503 (or, with nobody left
        // waiting, any statement a request still had to run is refused).
        shutdown.abort();
        await Promise.race([allAnswered, wait(answerBudget)]);
        // 4. What is still open (a client still sending its request) is cut.
        server.closeAllConnections();
        await closed;
        // 5. Close DuckDB once no statement runs: closing a connection under a running query is
        // what deadlocked the process in DuckDB's ClientContext destructor (issue 13).
        sandbox.close();
        const closedDb = served.close();
        const done = await Promise.race([closedDb.then(() => true), wait(closeBudget)]);
        if (done !== true) {
          console.error('pandu api: DuckDB did not stop in time; exiting without closing it');
          return false;
        }
        return true;
      } finally {
        timers.abort();
      }
    })());
  let signalled = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (signalled) {
        console.error(`pandu api: ${signal} again, exiting at once`);
        process.exit(SIGNAL_EXIT_CODES[signal]);
      }
      signalled = true;
      console.error(
        `pandu api: ${signal}, shutting down (at most ${options.shutdownGraceMs} ms; again to exit at once)`,
      );
      void stop().then((closed) => process.exit(closed ? 0 : 1));
    });
  }
  return { url, stop };
}

/** Connections in a served version's pool (openDatabase's default). */
const SERVED_POOL_SIZE = 4;

/**
 * DuckDB threads of a served version: the cores shared by the pool's connections (at least 1),
 * so that as many queries as the pool runs at once do not oversubscribe the machine. The API's
 * queries are mostly lookups of stored figures, a few milliseconds each, and 32 clients keep
 * every connection busy; a query spread over more threads then spends more CPU handing work
 * between them than it saves (on 2 cores: 1 thread, 10-25% less server CPU per answer under 32
 * clients; an on-demand query at the nation on an idle server takes longer).
 */
function servedThreads(): number {
  return Math.max(1, Math.floor(availableParallelism() / SERVED_POOL_SIZE));
}

/**
 * Make sure there is something to serve: a data directory without a version gets version 1 (the
 * legacy `DIR/pandu.duckdb` adopted, or the default dataset), a missing `--db` file the default
 * dataset; but only where nobody named a place, or with --create (`create`).
 */
async function ensureData(options: ServeCommandOptions): Promise<void> {
  const { source } = options;
  if ('db' in source) {
    if (existsSync(source.db)) return upgradeFile(source.db);
    if (!options.create) {
      throw new CliError(
        `no database at ${source.db}: create it with 'pandu seed --db ${source.db}', or run serve with --create to build the default dataset there`,
      );
    }
    console.error(`pandu: no database at ${source.db}; creating the default dataset`);
    await createDefaultDatabase(source.db, { interactive: options.interactive });
    return;
  }
  const keep = options.keepVersions ?? 5;
  if (await readCurrentPointer(source.data)) return upgradeDirectory(source.data, keep);
  if (!options.create && !existsSync(`${source.data}/pandu.duckdb`)) {
    throw new CliError(
      `no data in ${source.data}: import some with 'pandu seed --data ${source.data}', or run serve with --create to build the default dataset there`,
    );
  }
  // Opening the store adopts a legacy DIR/pandu.duckdb as version 1.
  const store = await openDataStore(source.data, { keep, create: true });
  if (await store.current()) return;
  console.error(`pandu: no data in ${source.data}; creating version 1 with the default dataset`);
  try {
    await seedDataDirectory(source.data, {
      force: false,
      keep,
      interactive: options.interactive,
    });
  } catch (error) {
    // Another server starting on the same empty directory took the write: serve what it publishes.
    if (!(await waitForFirstVersion(source.data))) throw error;
  }
}

/**
 * A single file written by an older Pandu lacks this code's newer migrations, and a server reads
 * read-only: bring the file up to date first (as `serve` always did), saying so.
 */
async function upgradeFile(file: string): Promise<void> {
  const pending = await pendingMigrations(file);
  if (pending.length === 0) return;
  console.error(`pandu: bringing ${file} up to date (migrations ${pending.join(', ')})`);
  try {
    await (await openDatabase(file)).destroy();
  } catch (error) {
    throw new CliError(
      `${file} needs migrations ${pending.join(', ')} and could not be brought up to date (${error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)}): if another process holds it, stop that process and try again`,
    );
  }
}

/**
 * The current version of a data directory written by an older Pandu lacks this code's newer
 * migrations: publish a copy with the schema brought up to date as the next version (action
 * `upgrade`; a write like any other, so a running older server keeps serving and history grows).
 * If another server is upgrading it at the same moment, wait for its version (bounded).
 */
async function upgradeDirectory(dir: string, keep: number): Promise<void> {
  const current = await readCurrentPointer(dir);
  if (!current) return;
  const pending = await pendingMigrations(join(dir, current.file));
  if (pending.length === 0) return;
  console.error(
    `pandu: version ${current.version} of ${dir} predates migrations ${pending.join(', ')}; publishing an upgraded copy`,
  );
  const store = await openDataStore(dir, { keep });
  try {
    await store.write({ actor: osActor(), action: 'upgrade' }, async () => ({
      summary: `schema brought up to date (${pending.join(', ')}); data unchanged`,
    }));
  } catch (error) {
    if (!(error instanceof WriteLockedError)) throw error;
    for (let attempt = 0; attempt < 240; attempt++) {
      const now = await readCurrentPointer(dir);
      if (now && (await pendingMigrations(join(dir, now.file))).length === 0) return;
      await sleep(500);
    }
    throw new CliError(
      `version ${current.version} of ${dir} needs migrations ${pending.join(', ')}, and another write has held the directory for 2 minutes: try again when it has finished`,
    );
  }
}

/** Whether a version appears in `dir` within the time a national seed takes (polled, bounded). */
async function waitForFirstVersion(dir: string): Promise<boolean> {
  for (let attempt = 0; attempt < 600; attempt++) {
    if (await readCurrentPointer(dir)) return true;
    await sleep(500);
  }
  return false;
}
