import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { panduBin } from '../scripts/pandu-api.js';
import { expectNoProblems, hydrated, openPage, settled, useBrowser } from './session.js';
import { startDashboard, type LocalDashboard } from './local-server.js';

// PANDU_PUBLIC=false (issue 10): every page needs a login. A dashboard and API of their own, on a
// copy of the seeded database (the shared API holds its file), started like `pnpm start`.
const NAME = 'pembaca.e2e';
const PASSWORD = 'kata sandi pembaca';

describe('a dashboard whose API needs a login to read', () => {
  const session = useBrowser();
  let dir: string;
  let dashboard: LocalDashboard | undefined;
  let baseUrl: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pandu-e2e-closed-'));
    const db = join(dir, 'pandu.duckdb');
    copyFileSync(inject('dbPath'), db);
    const added = spawnSync(
      process.execPath,
      [panduBin(), 'users', 'add', NAME, '--role', 'viewer', '--data', dir],
      { input: `${PASSWORD}\n`, encoding: 'utf8', env: { ...process.env, CI: '1' } },
    );
    expect(added.status, added.stderr).toBe(0);
    dashboard = await startDashboard({ PANDU_DB: db, PANDU_PUBLIC: 'false' }, '/masuk');
    baseUrl = dashboard.baseUrl;
  });
  afterAll(async () => {
    await dashboard?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends a visitor to the login page and back to the page asked for, whose data then load', async () => {
    const { page, problems } = await openPage(session.browser());
    await page.goto(`${baseUrl}/wilayah/35`);
    await page.waitForURL(`${baseUrl}/masuk?next=%2Fwilayah%2F35`);
    await hydrated(page);
    await expect(
      page.getByText('Data di server ini hanya untuk pengguna yang sudah masuk.').count(),
    ).resolves.toBe(1);
    await page.getByLabel('Nama pengguna').fill(NAME);
    await page.getByLabel('Kata sandi').fill(PASSWORD);
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await page.waitForURL(`${baseUrl}/wilayah/35`);
    await hydrated(page);
    await expect(page.locator('h1').textContent()).resolves.toContain('Jawa Timur');
    await expect(page.locator('[data-user-name]').textContent()).resolves.toBe(`${NAME} (pembaca)`);

    // A client-side navigation reads with the user's session too.
    await page.locator('nav').getByRole('link', { name: 'Kesenjangan' }).click();
    await page.waitForURL(/\/kesenjangan/);
    await settled(page);
    expect(page.url()).toContain('/kesenjangan');

    // Logged out, the pages are closed again.
    await page.getByRole('button', { name: 'Keluar' }).click();
    await page.waitForURL(/\/masuk\?next=%2F$/);
    expectNoProblems(problems, 'login required');
    await page.context().close();
  });

  it('answers a download asked for without a login with the login page, never the data', async () => {
    const res = await fetch(`${baseUrl}/data/ekspor/csv?region=35.05`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/masuk?next=%2Fdata%2Fekspor%2Fcsv%3Fregion%3D35.05');
  });
});
