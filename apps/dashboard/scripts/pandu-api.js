// Finds and starts the `pandu` command line of @pandu/server for the dashboard's launcher
// (scripts/start.js) and its browser tests. The bin is found through the package's own manifest (Node's
// package resolution), and a started API tells its address over an IPC message, never a log line.
import { spawn } from 'node:child_process';
import { clearTimeout, setTimeout } from 'node:timers';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';

/** The API of a launcher listens on loopback only. */
const API_HOST = '127.0.0.1';

/** How long `startApi` waits for the API to listen (it may first create the default database). */
const START_TIMEOUT_MS = 10 * 60_000;

/**
 * The path of the `pandu` bin of the installed @pandu/server.
 *
 * @returns {string}
 */
export function panduBin() {
  const require = createRequire(import.meta.url);
  const manifestPath = require.resolve('@pandu/server/package.json');
  /** @type {{ bin?: string | Record<string, string> }} */
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.pandu;
  if (!bin) throw new Error(`${manifestPath} declares no pandu bin`);
  return join(dirname(manifestPath), bin);
}

/**
 * Whether `port` can be listened on at `host` right now (nothing else holds it).
 *
 * @param {number} port
 * @param {string} host
 * @returns {Promise<boolean>}
 */
function portIsFree(port, host) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/**
 * Start `pandu serve` on 127.0.0.1 and resolve once it listens, with the address it sent over IPC
 * (`{ event: 'listening', url, trpc, db }`). Rejects if it exits or stays silent first.
 *
 * `port` (default 0: a free one) is where the API should listen. With `fallback`, a port another
 * process holds (a first copy of the dashboard, an API started by hand) is not an error: the API
 * takes a free port instead and `fellBack` says so. The port is tried before the API starts, and
 * again if the API fails, since something may take it while the API opens (or builds) its
 * database.
 *
 * @param {{ db?: string, port?: number, fallback?: boolean }} [options]
 * @returns {Promise<{ url: string, child: import('node:child_process').ChildProcess, fellBack: boolean }>}
 */
export async function startApi(options = {}) {
  const wanted = options.port ?? 0;
  if (wanted !== 0 && options.fallback && !(await portIsFree(wanted, API_HOST))) {
    return { ...(await spawnApi({ ...options, port: 0 })), fellBack: true };
  }
  try {
    return { ...(await spawnApi({ ...options, port: wanted })), fellBack: false };
  } catch (error) {
    if (wanted === 0 || !options.fallback || (await portIsFree(wanted, API_HOST))) throw error;
    // Taken between the check and the API's listen: once more on a free port.
    return { ...(await spawnApi({ ...options, port: 0 })), fellBack: true };
  }
}

/**
 * @param {{ db?: string, port: number }} options
 * @returns {Promise<{ url: string, child: import('node:child_process').ChildProcess }>}
 */
function spawnApi(options) {
  const args = [panduBin(), 'serve', '--port', String(options.port), '--host', API_HOST];
  if (options.db) args.push('--db', options.db);
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`pandu api did not listen within ${START_TIMEOUT_MS / 1000} s`));
    }, START_TIMEOUT_MS);
    child.on('message', (message) => {
      if (message && typeof message === 'object' && message.event === 'listening') {
        clearTimeout(timer);
        // Nothing more comes over the channel; let it not hold this process open.
        child.channel?.unref();
        resolve({ url: String(message.url), child });
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`pandu api exited (${signal ?? code}) before it listened`));
    });
  });
}
