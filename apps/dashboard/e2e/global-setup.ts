import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { CHROMIUM } from './browser.js';
import { freePort, waitFor } from './local-server.js';
import { panduBin } from '../scripts/pandu-api.js';

// Seeds a database, starts API + dashboard with scripts/start.js, and hands the URL to the tests.
//
// The database holds provinces 33 (Jawa Tengah) and 35 (Jawa Timur): every one of the 11 villages
// named Plosorejo is in one of them (idn-area-data: nine in 33, two in 35), and 35 has the drill-down
// path to Plosorejo in Kademangan, Kabupaten Blitar. Seeding takes about 15 s; set PANDU_E2E_DB to
// an existing file to reuse one.

export const E2E_PROVINCES = '33,35';

const DASHBOARD = fileURLToPath(new URL('..', import.meta.url));
const PANDU = panduBin();
const START = join(DASHBOARD, 'scripts/start.js');

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** The data directory whose users the API lets log in (`pandu users add ... --data`). */
    dataDir: string;
    /** The seeded database the API serves (copied by a test that starts an API of its own). */
    dbPath: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `no Chromium at ${CHROMIUM}: apt-get install -y chromium (or set PANDU_CHROMIUM)`,
    );
  }
  if (!existsSync(join(DASHBOARD, 'build/index.js'))) {
    throw new Error('no dashboard build: run `pnpm --filter @pandu/dashboard build` first');
  }
  let tmp: string | null = null;
  let db = process.env.PANDU_E2E_DB;
  if (!db || !existsSync(db)) {
    tmp = mkdtempSync(join(tmpdir(), 'pandu-e2e-'));
    db = join(tmp, 'pandu-e2e.duckdb');
    const seed = spawnSync(
      process.execPath,
      [PANDU, 'seed', '--db', db, '--provinces', E2E_PROVINCES],
      {
        stdio: ['ignore', 'ignore', 'inherit'],
        env: { ...process.env, CI: '1' },
      },
    );
    if (seed.status !== 0) throw new Error(`pandu seed failed with ${seed.status}`);
  }
  const port = await freePort();
  const child = spawn(process.execPath, [START], {
    stdio: ['ignore', 'ignore', 'inherit'],
    // PANDU_API_PORT 0: the API on a free port, not 3100, which a developer's own API may hold.
    env: {
      ...process.env,
      PANDU_DB: db,
      PORT: String(port),
      HOST: '127.0.0.1',
      PANDU_API_URL: '',
      PANDU_API_PORT: '0',
    },
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitFor(`${baseUrl}/`, child, 60_000);
  } catch (error) {
    child.kill('SIGTERM');
    throw error;
  }
  project.provide('baseUrl', baseUrl);
  // `pandu serve --db FILE` takes its users from the file's folder (no PANDU_DATA here).
  project.provide('dataDir', dirname(db));
  project.provide('dbPath', db);
  return async () => {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  };
}
