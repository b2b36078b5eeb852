// Finds and starts the `pandu` command line of @pandu/server for the dashboard's launcher, its
// browser tests and its benchmark. The bin is found through the package's own manifest (Node's
// package resolution), and a started API tells its address over an IPC message, never a log line.
import { spawn } from 'node:child_process';
import { clearTimeout, setTimeout } from 'node:timers';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

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
 * Start `pandu serve --port 0` on 127.0.0.1 and resolve once it listens, with the address it sent
 * over IPC (`{ event: 'listening', url, trpc, db }`). Rejects if it exits or stays silent first.
 *
 * @param {{ db?: string, env?: NodeJS.ProcessEnv, stdout?: 'inherit' | 'ignore' }} [options]
 * @returns {Promise<{ url: string, child: import('node:child_process').ChildProcess }>}
 */
export function startApi(options = {}) {
  const args = [panduBin(), 'serve', '--port', '0', '--host', '127.0.0.1'];
  if (options.db) args.push('--db', options.db);
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', options.stdout ?? 'inherit', 'inherit', 'ipc'],
    env: options.env ?? process.env,
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
