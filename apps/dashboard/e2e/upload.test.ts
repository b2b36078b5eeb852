import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { panduBin } from '../scripts/pandu-api.js';
import { screenshot } from './browser.js';
import { expectNoProblems, hydrated, openPage, settled, useBrowser } from './session.js';
import { startDashboard, type LocalDashboard } from './local-server.js';

// Issue 10, "Done when": an analyst logs in, uploads a CSV with one bad row and sees that row
// named, fixes it, publishes, and the page of the touched village shows the new value; a viewer
// sees no upload page. A dashboard and API of their own on a data directory (the shared API
// serves a single file, read-only): the seeded database adopted as version 1 by the CLI, users
// made with the CLI, started like `pnpm start` with PANDU_DATA.
const ANALYST = 'analis.unggah';
const VIEWER = 'pembaca.unggah';
const ADMIN = 'admin.unggah';
const PASSWORD = 'kata sandi unggahan';
/** Plosorejo, Kademangan, Kabupaten Blitar (in the seeded provinces). */
const VILLAGE = '35.05.04.2014';
const HEADER = 'village_code,year,indicator,value';
/** A digital skills value no seeded village has exactly, shown as "1,23". */
const NEW_VALUE = '1.23';
const BAD_CSV = `${HEADER}\n${VILLAGE},2024,digital_skills,${NEW_VALUE}\n${VILLAGE},2024,digital_ethics,abc\n`;
const GOOD_CSV = `${HEADER}\n${VILLAGE},2024,digital_skills,${NEW_VALUE}\n`;

function pandu(args: string[], stdin = ''): { status: number | null; stderr: string } {
  const run = spawnSync(process.execPath, [panduBin(), ...args], {
    input: stdin,
    encoding: 'utf8',
    env: { ...process.env, CI: '1' },
  });
  return { status: run.status, stderr: run.stderr };
}

async function logIn(page: Page, baseUrl: string, name: string): Promise<void> {
  await page.goto(`${baseUrl}/masuk`);
  await hydrated(page);
  await page.getByLabel('Nama pengguna').fill(name);
  await page.getByLabel('Kata sandi').fill(PASSWORD);
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
  await page.waitForURL(`${baseUrl}/`);
  await hydrated(page);
}

describe('uploading data in the dashboard', () => {
  const session = useBrowser();
  let dir: string;
  let dashboard: LocalDashboard | undefined;
  let baseUrl: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pandu-e2e-upload-'));
    copyFileSync(inject('dbPath'), join(dir, 'pandu.duckdb'));
    // Any command on the directory adopts the legacy file as version 1.
    const adopted = pandu(['versions', '--data', dir]);
    expect(adopted.status, adopted.stderr).toBe(0);
    for (const [name, role] of [
      [ANALYST, 'analyst'],
      [VIEWER, 'viewer'],
      [ADMIN, 'admin'],
    ] as const) {
      const added = pandu(['users', 'add', name, '--role', role, '--data', dir], `${PASSWORD}\n`);
      expect(added.status, added.stderr).toBe(0);
    }
    // No PANDU_DB: the API serves (and follows) the data directory.
    dashboard = await startDashboard({ PANDU_DATA: dir });
    baseUrl = dashboard.baseUrl;
  });
  afterAll(async () => {
    await dashboard?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('nobody logged in is sent to the login page; a viewer gets no upload link and a 403', async () => {
    const { page } = await openPage(session.browser());
    await page.goto(`${baseUrl}/data/unggah`);
    await page.waitForURL(/\/masuk\?next=%2Fdata%2Funggah/);

    await logIn(page, baseUrl, VIEWER);
    const nav = page.getByRole('navigation', { name: /./ }).first();
    await expect(nav.getByRole('link', { name: 'Unggah data' }).count()).resolves.toBe(0);
    const response = await page.goto(`${baseUrl}/data/unggah`);
    expect(response?.status()).toBe(403);
    await expect(page.locator('main').textContent()).resolves.toContain(
      'Hanya analis dan admin yang dapat mengunggah data.',
    );
    // The endpoint refuses a viewer too, whatever the page shows.
    const direct = await page.evaluate(async () => {
      const r = await fetch('/data/unggah/kirim?kind=observations&name=x.csv', {
        method: 'POST',
        headers: { 'content-type': 'text/csv' },
        body: 'village_code,year,indicator,value\n',
      });
      return r.status;
    });
    expect(direct).toBe(403);
    await page.context().close();
  });

  it('an analyst sees the bad row named, fixes it, dry-runs, publishes, and sees what changed', async () => {
    const { page, problems } = await openPage(session.browser());
    await logIn(page, baseUrl, ANALYST);
    await page.getByRole('link', { name: 'Unggah data' }).click();
    await page.waitForURL(`${baseUrl}/data/unggah`);
    await settled(page);

    // The live region says the outcome in one line; the report follows it.
    const status = page.getByRole('main').getByRole('status');
    const details = page.locator('[data-upload-details]');
    const file = page.getByLabel('Berkas (CSV atau Parquet)');
    await file.setInputFiles({
      name: 'nilai.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(BAD_CSV),
    });
    await page.getByLabel('Ganti nilai yang sudah tersimpan').check();
    await page.getByRole('button', { name: 'Unggah dan terbitkan' }).click();
    await status.locator('[data-upload-result="rejected"]').waitFor({ timeout: 30_000 });
    await expect(status.textContent()).resolves.toContain(
      '1 baris ditolak; tidak ada yang diimpor.',
    );
    // The table names the row (line 3 of the file), the column, the value and why.
    const row = details.locator('table tbody tr');
    await expect(row.count()).resolves.toBe(1);
    await expect(row.locator('td').allTextContents()).resolves.toEqual([
      '3',
      'value',
      'abc',
      expect.stringMatching(/number/),
    ]);
    await screenshot(page, 'upload-rejected');
    // The whole report, as CSV, for this user.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      details.getByRole('link', { name: 'Unduh semua penolakan (CSV)' }).click(),
    ]);
    const report = readFileSync((await download.path()) ?? '', 'utf8');
    expect(report.split('\r\n')[0]).toBe('row,column,value,reason');
    expect(report).toContain('3,value,abc,');

    // Fixed: a dry run passes and publishes nothing, then the upload publishes version 2.
    await file.setInputFiles({
      name: 'nilai.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(GOOD_CSV),
    });
    await page.getByRole('button', { name: 'Uji coba (periksa saja)' }).click();
    await status.locator('[data-upload-result="dry-run"]').waitFor({ timeout: 30_000 });
    await expect(status.textContent()).resolves.toContain('Belum ada yang diterbitkan.');
    await page.getByRole('button', { name: 'Unggah dan terbitkan' }).click();
    await status.locator('[data-upload-result="published"]').waitFor({ timeout: 30_000 });
    await expect(status.textContent()).resolves.toContain('Diterbitkan sebagai versi 2');
    await screenshot(page, 'upload-published');

    await details.getByRole('link', { name: 'Lihat perubahan versi 2' }).click();
    await page.waitForURL(`${baseUrl}/data/riwayat/2`);
    await settled(page);
    await expect(page.locator('[data-changes-summary]').textContent()).resolves.toContain(
      '1 desa berubah: 1 nilai diganti',
    );
    await expect(page.getByRole('link', { name: 'Plosorejo' }).count()).resolves.toBe(1);

    await page.goto(`${baseUrl}/data/riwayat`);
    await hydrated(page);
    const current = page.locator('tr[aria-current="true"]');
    await expect(current.getAttribute('data-version')).resolves.toBe('2');
    await expect(current.textContent()).resolves.toContain('nilai.csv');
    await expect(current.textContent()).resolves.toContain(ANALYST);
    // An analyst may not roll back: no button.
    await expect(page.getByRole('link', { name: /Kembalikan ke versi/ }).count()).resolves.toBe(0);
    // The one 422 is the rejected upload's answer, which the page shows.
    expectNoProblems(
      { errors: problems.errors.filter((e) => !/422/.test(e)) },
      'upload, dry run, publish',
    );
    await page.context().close();
  });

  // The API follows the data directory: the published version is served within 2 s (asked again
  // for up to 5 s). Runs before the rollback below, which brings the old value back.
  it('the page of the touched village shows the new value', async () => {
    const { page } = await openPage(session.browser());
    const shown = async () => {
      await page.goto(`${baseUrl}/desa/${VILLAGE}?year=2024`);
      const row = page.locator('[data-chart="measure-digital-skills"] table tbody tr', {
        // The year's cell may name a note: "2024 (ekstrapolasi)".
        has: page.locator('th', { hasText: /^2024(\s|$)/ }),
      });
      return (await row.locator('td').first().textContent())?.trim();
    };
    const deadline = Date.now() + 5_000;
    let value = await shown();
    while (value !== '1,23' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      value = await shown();
    }
    expect(value).toBe('1,23');
    await page.context().close();
  });

  it('an admin rolls back after a confirmation step, which publishes the next version', async () => {
    const { page, problems } = await openPage(session.browser());
    await logIn(page, baseUrl, ADMIN);
    await page.goto(`${baseUrl}/data/riwayat`);
    await hydrated(page);
    const current = await page.locator('tr[aria-current="true"]').getAttribute('data-version');
    const next = Number(current) + 1;
    await page.getByRole('link', { name: 'Kembalikan ke versi 1' }).click();
    await settled(page);
    const confirm = page.getByRole('region', { name: 'Kembalikan ke versi 1?' });
    await expect(confirm.textContent()).resolves.toContain('persis sebagai versi baru');
    await confirm.getByRole('button', { name: 'Ya, kembalikan' }).click();
    await page.locator(`[data-rolled-back="${next}"]`).waitFor({ timeout: 30_000 });
    await expect(page.getByRole('main').getByRole('status').textContent()).resolves.toContain(
      `Versi ${next} diterbitkan dengan data versi 1.`,
    );
    const row = page.locator(`tr[data-version="${next}"]`);
    await expect(row.getAttribute('aria-current')).resolves.toBe('true');
    await expect(row.textContent()).resolves.toContain(ADMIN);
    expectNoProblems(problems, 'rollback');
    await page.context().close();
  });

  it('works without JavaScript: a plain form post checks the file and names the bad row', async () => {
    const context = await session
      .browser()
      .newContext({ javaScriptEnabled: false, locale: 'id-ID' });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/masuk`);
    await page.getByLabel('Nama pengguna').fill(ANALYST);
    await page.getByLabel('Kata sandi').fill(PASSWORD);
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await page.waitForURL(`${baseUrl}/`);
    await page.goto(`${baseUrl}/data/unggah`);
    await page
      .getByLabel('Berkas (CSV atau Parquet)')
      .setInputFiles({ name: 'nilai.csv', mimeType: 'text/csv', buffer: Buffer.from(BAD_CSV) });
    await page.getByLabel('Ganti nilai yang sudah tersimpan').check();
    await page.getByRole('button', { name: 'Uji coba (periksa saja)' }).click();
    await page.waitForLoadState('load');
    const status = page.getByRole('main').getByRole('status');
    await expect(status.locator('[data-upload-result="rejected"]').count()).resolves.toBe(1);
    await expect(
      page.locator('[data-upload-details] table tbody tr td').first().textContent(),
    ).resolves.toBe('3');
    await context.close();
  });
});
