import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, waitFor } from './local-server.js';
import { panduBin } from '../scripts/pandu-api.js';

// `pnpm start` (scripts/start.js) as a user runs it: where the API and the dashboard listen.
const START = fileURLToPath(new URL('../scripts/start.js', import.meta.url));

interface Started {
  child: ChildProcess;
  /** What it printed on stdout so far (its own lines and the API's). */
  log: () => string;
  baseUrl: string;
}

async function start(env: Record<string, string>): Promise<Started> {
  const port = await freePort();
  const child = spawn(process.execPath, [START], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, CI: '1', PANDU_API_URL: '', HOST: '', PORT: String(port), ...env },
  });
  let log = '';
  child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitFor(`${baseUrl}/`, child, 60_000);
  return { child, log: () => log, baseUrl };
}

async function stop(started: Started | undefined): Promise<void> {
  if (!started || started.child.exitCode !== null) return;
  const exited = new Promise((resolve) => started.child.once('exit', resolve));
  started.child.kill('SIGTERM');
  await exited;
}

/** An IPv4 address of this machine other than loopback, if it has one. */
function nonLoopbackAddress(): string | undefined {
  return Object.values(networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
}

/** The API's address as `pnpm start` prints it. */
function printedApi(log: string): URL {
  const match = /^pandu api on (http:\/\/\S+)\/trpc/m.exec(log);
  if (!match?.[1]) throw new Error(`no API address in the log:\n${log}`);
  return new URL(match[1]);
}

describe('pnpm start', () => {
  let tmp: string;
  const dbs: string[] = [];
  const running: Started[] = [];
  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'pandu-start-'));
    const first = join(tmp, 'first.duckdb');
    const seed = spawnSync(
      process.execPath,
      [panduBin(), 'seed', '--db', first, '--provinces', '75'],
      { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, CI: '1' } },
    );
    if (seed.status !== 0) throw new Error(`pandu seed failed with ${seed.status}: ${seed.stderr}`);
    // Each API holds its file's lock, so the second copy has a file of its own.
    const second = join(tmp, 'second.duckdb');
    copyFileSync(first, second);
    dbs.push(first, second);
  });
  afterAll(async () => {
    for (const started of running) await stop(started);
    rmSync(tmp, { recursive: true, force: true });
  });

  it('regression: puts the API on PANDU_API_PORT, and a second copy beside it on a free port, saying where', async () => {
    // It used to take a random port every time, so the README's examples on :3100 failed.
    // 3100 itself may be held by a developer's API here: the test names a free port instead.
    const apiPort = await freePort();
    const first = await start({ PANDU_DB: dbs[0]!, PANDU_API_PORT: String(apiPort) });
    running.push(first);
    expect((await fetch(`http://127.0.0.1:${apiPort}/trpc/health`)).status).toBe(200);
    expect(printedApi(first.log()).port).toBe(String(apiPort));
    // Listening on loopback by default (adapter-node alone listens on every interface), and
    // saying so.
    expect(first.log()).toContain(`pandu dashboard on ${first.baseUrl}\n`);
    const outside = nonLoopbackAddress();
    if (outside) {
      const url = new URL(first.baseUrl);
      url.hostname = outside;
      // Refused (nothing listens there); a dropped packet ends at the abort instead of hanging.
      await expect(
        fetch(url, { signal: AbortSignal.timeout(5000) }),
        `dashboard answers on ${outside}`,
      ).rejects.toThrow();
    }

    const second = await start({ PANDU_DB: dbs[1]!, PANDU_API_PORT: String(apiPort) });
    running.push(second);
    const api = printedApi(second.log());
    expect(api.port).not.toBe(String(apiPort));
    expect(second.log()).toContain(`port ${apiPort} was taken, so a free one`);
    expect((await fetch(`${api.href}trpc/health`)).status).toBe(200);
    // Both dashboards work, each on its own API.
    for (const started of [first, second]) {
      expect((await fetch(`${started.baseUrl}/wilayah/75`)).status).toBe(200);
    }
  });
});
