import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/** A TCP port free on 127.0.0.1 right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * Wait until `url` answers 200, failing early if `child` (the process that should serve it)
 * exits, and after `timeoutMs`.
 */
export async function waitFor(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`dashboard exited with ${child.exitCode} before it answered`);
    }
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`dashboard did not answer at ${url} within ${timeoutMs} ms`);
}

const START = fileURLToPath(new URL('../scripts/start.js', import.meta.url));

/** A dashboard (and the API it starts) of a test's own, as `pnpm start` runs them. */
export interface LocalDashboard {
  baseUrl: string;
  child: ChildProcess;
  /** SIGTERM, then SIGKILL if it has not exited within 5 s. */
  stop: () => Promise<void>;
}

/**
 * Start `scripts/start.js` on a free port of 127.0.0.1 with an API of its own on a free port
 * (never the shared one: `PANDU_API_URL` empty), on the data named by `env` (`PANDU_DB` or
 * `PANDU_DATA`; a `PANDU_DB` of the test run is not inherited), and wait until `waitPath` answers.
 */
export async function startDashboard(
  env: Record<string, string>,
  waitPath = '/',
): Promise<LocalDashboard> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const { PANDU_DB: _inherited, ...inherited } = process.env;
  const child = spawn(process.execPath, [START], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...inherited,
      PORT: String(port),
      HOST: '127.0.0.1',
      PANDU_API_URL: '',
      PANDU_API_PORT: '0',
      ...env,
    },
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  try {
    await waitFor(`${baseUrl}${waitPath}`, child, 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, child, stop };
}
