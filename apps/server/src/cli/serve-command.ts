import { existsSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { AuthStore, DataStore, openServedDatabase } from '@pandu/db';
import { createExportDownloads } from '../export-download.js';
import { createApiServer, DEFAULT_LIMITS } from '../http-server.js';
import { createImportUploads } from '../import-upload.js';
import { createInnerContext, ResultCache } from '@pandu/api';
import { CliError } from './cli-error.js';
import { createDefaultDatabase } from './seed-command.js';

/** Exit codes after a second signal: 128 + the signal's number, as a shell reports it. */
const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;

export interface ServeCommandOptions {
  /** Database file. */
  db: string;
  /** Create `db` with the default dataset when it is missing; otherwise a missing file is an error. */
  create: boolean;
  /** Open `db` read-only (a data directory's published version). */
  readOnly?: boolean;
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
  /** The data directory whose users (auth.json) may log in; none: nobody can. */
  authDir?: string;
  /** Reading needs no login (PANDU_PUBLIC); default true. */
  publicRead?: boolean;
  /** How long a login session lasts, hours; default 12. */
  sessionHours?: number;
  /**
   * The data directory uploads (`POST /import/*`) and `versions.*` work on (--data or
   * PANDU_DATA); none: they answer 501.
   */
  dataDir?: string | undefined;
  /** Version files the data directory keeps. */
  keepVersions?: number;
  /** Largest upload, bytes (PANDU_UPLOAD_LIMIT_BYTES). */
  uploadLimitBytes?: number;
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
  /** The database file served. */
  db: string;
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
 * `pandu serve`: create the database if missing and allowed, open it, serve the API until SIGINT/SIGTERM.
 * Resolves with the URL once listening; `stop()` closes the server and the database.
 */
export async function serveCommand(options: ServeCommandOptions): Promise<RunningServer> {
  if (!existsSync(options.db)) {
    if (!options.create) {
      throw new CliError(
        `no database at ${options.db}: create it with 'pandu seed --db ${options.db}', or run serve with --create to build the default dataset there`,
      );
    }
    console.error(`pandu: no database at ${options.db}; creating the default dataset`);
    await createDefaultDatabase(options.db, { interactive: options.interactive });
  }
  // Aborted at the grace deadline of a shutdown: interrupts the queries still running.
  const shutdown = new AbortController();
  const { db, health } = await openServedDatabase(options.db, {
    ...(options.readOnly ? { readOnly: true } : {}),
    queryTimeoutMs: options.queryTimeoutMs,
    maxQueued: options.maxQueued,
    signal: shutdown.signal,
  });
  const cache = options.cacheSize > 0 ? new ResultCache(options.cacheSize) : null;
  // Users, tokens and sessions (auth.json in the data directory), shared with the CLI and the
  // other replicas; read again whenever one of them changes it.
  const auth = options.authDir
    ? await AuthStore.open(options.authDir, {
        sessionTtlMs: (options.sessionHours ?? 12) * 3_600_000,
      })
    : null;
  const publicRead = options.publicRead ?? true;
  // The data directory's versions: uploads write the next one, `versions.*` list and roll back.
  const store = options.dataDir
    ? await DataStore.open(options.dataDir, {
        ...(options.keepVersions ? { keep: options.keepVersions } : {}),
        onMessage: (message) => console.error(`pandu api: ${message}`),
      })
    : null;
  const imports = store
    ? createImportUploads({
        store,
        ...(options.uploadLimitBytes ? { limitBytes: options.uploadLimitBytes } : {}),
      })
    : null;
  const server = createApiServer(
    createInnerContext({
      db,
      healthDb: health,
      dbPath: options.db,
      cache,
      auth,
      publicRead,
      store,
    }),
    DEFAULT_LIMITS,
    createExportDownloads(db),
    { corsOrigins: options.corsOrigins ?? [], imports },
  );
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
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  console.log(`pandu api listening on ${url}/trpc (database ${options.db})`);
  announceListening({ url, trpc: `${url}/trpc`, db: options.db });
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
        const closedDb = health.destroy().then(() => db.destroy());
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
