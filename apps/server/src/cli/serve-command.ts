import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { openDatabase } from '@pandu/db';
import { createExportDownloads } from '../export-download.js';
import { createApiServer, DEFAULT_LIMITS } from '../http-server.js';
import { createInnerContext, ResultCache } from '@pandu/api';
import { CliError } from './cli-error.js';
import { createDefaultDatabase } from './seed-command.js';

/** How long `stop()` waits for requests in flight before closing their connections. */
const SHUTDOWN_GRACE_MS = 5_000;

export interface ServeCommandOptions {
  /** Database file. */
  db: string;
  /** Create `db` with the default dataset when it is missing; otherwise a missing file is an error. */
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
  /** Stop accepting, let requests in flight finish, close the database. Idempotent. */
  stop: () => Promise<void>;
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
  const db = await openDatabase(options.db, { queryTimeoutMs: options.queryTimeoutMs });
  const cache = options.cacheSize > 0 ? new ResultCache(options.cacheSize) : null;
  const ctx = createInnerContext({ db, dbPath: options.db, cache });
  const server = createApiServer(ctx, DEFAULT_LIMITS, createExportDownloads(db), {
    corsOrigins: options.corsOrigins ?? [],
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
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      // Stop accepting, let requests in flight finish (a few seconds at most), then close.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const force = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
      await closed;
      clearTimeout(force);
      await db.destroy();
    })());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`pandu api: ${signal}, shutting down`);
      void stop().then(() => process.exit(0));
    });
  }
  return { url, stop };
}
