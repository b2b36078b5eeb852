import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { panduBin } from '../scripts/pandu-api.js';
import { screenshot } from './browser.js';
import { expectNoProblems, hydrated, openPage, settled, useBrowser, visit } from './session.js';

// Issue 12's console: a researcher logs in, opens an example that reproduces a dashboard figure,
// sees it, downloads it as CSV, reloads the URL to the same result, and runs a query typed in
// the editor with Ctrl+Enter. Everything real: the API's sandbox worker, the built dashboard.
const NAME = 'peneliti.e2e';
const PASSWORD = 'kata sandi peneliti yang panjang';

function pandu(args: string[], stdin = ''): { status: number | null; stderr: string } {
  const run = spawnSync(process.execPath, [panduBin(), ...args, '--data', inject('dataDir')], {
    input: stdin,
    encoding: 'utf8',
    env: { ...process.env, CI: '1' },
  });
  return { status: run.status, stderr: run.stderr };
}

describe('/kueri, the SQL console', () => {
  const session = useBrowser();
  beforeAll(() => {
    expect(pandu(['users', 'add', NAME, '--role', 'viewer'], `${PASSWORD}\n`).status).toBe(0);
  });
  afterAll(() => {
    pandu(['users', 'remove', NAME]);
  });

  it('asks an anonymous visitor to log in, and shows the schema with its descriptions', async () => {
    const { page, problems } = await openPage(session.browser());
    await visit(page, session.baseUrl, '/kueri');
    await expect(page.locator('.login[role="note"]').textContent()).resolves.toContain('Masuk');
    const villageIndex = page
      .locator('aside details')
      .filter({ has: page.locator('summary', { hasText: /^village_index$/ }) });
    await villageIndex.locator('summary').click();
    await expect(
      villageIndex.locator('dt code', { hasText: /^skills_index$/ }).count(),
    ).resolves.toBe(1);
    expectNoProblems(problems, '/kueri anonymous');
    await page.context().close();
  });

  it('runs an example that gives the figure the dashboard shows, downloads it, and keeps it in the URL', async () => {
    const { page, problems } = await openPage(session.browser());
    await visit(page, session.baseUrl, '/masuk?next=%2Fkueri');
    await page.getByLabel('Nama pengguna').fill(NAME);
    await page.getByLabel('Kata sandi').fill(PASSWORD);
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await page.waitForURL(`${session.baseUrl}/kueri`);
    await hydrated(page);

    await page.locator('[data-example="blitar-skills"]').click();
    await settled(page);
    await expect(page.getByTestId('sql-status').textContent()).resolves.toMatch(/1 baris/);
    const cells = await page.locator('.result tbody tr td').allTextContents();
    expect(cells[0]).toBe('Kabupaten Blitar');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'CSV' }).click(),
    ]);
    const csv = await readFile((await download.path()) ?? '', 'utf8');
    const [header, row] = csv.trim().split('\r\n');
    expect(header).toBe('name,villages,skills_index');
    const [, villages, mean] = row?.split(',') ?? [];
    expect(cells[1]).toBe(villages);

    // The figure the region page shows for 2024, to its two decimals.
    const region = await openPage(session.browser());
    await visit(region.page, session.baseUrl, '/wilayah/35.05?year=2024');
    const shown = await region.page.locator('[data-figure="mean"]').textContent();
    expect(shown?.trim()).toBe(
      Number(mean).toLocaleString('id-ID', { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
    );
    await region.page.context().close();

    // The URL holds the query: a reload shows the same result.
    const url = page.url();
    expect(new URL(url).searchParams.get('q')).toContain("regency_code = '35.05'");
    await page.reload();
    await hydrated(page);
    await expect(page.locator('.result tbody tr td').allTextContents()).resolves.toEqual(cells);
    await screenshot(page, 'kueri-blitar');

    // Typed in the editor and run with Ctrl+Enter, from the keyboard alone.
    const editor = page.getByTestId('sql-editor');
    await editor.click();
    // Select all and delete first: Chromium's own editing, replacing highlighted text in place,
    // tries to keep its colour with a style attribute, which the page's policy blocks (harmless:
    // CodeMirror redraws the line) but which would show here as a console error.
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.type('select count(*) as provinces from regions where level = ');
    await page.keyboard.type("'province'");
    await page.keyboard.press('Control+Enter');
    await page.waitForURL(/provinces/);
    await settled(page);
    await expect(page.locator('.result tbody tr td').first().textContent()).resolves.toMatch(
      /^\d+$/,
    );

    // A refused statement: the API's reason, in the page, no stack.
    await visit(page, session.baseUrl, `/kueri?q=${encodeURIComponent('drop table regions')}`);
    const alert = await page.getByRole('alert').textContent();
    expect(alert).toContain('only SELECT');
    expect(alert).not.toMatch(/\n\s+at /);
    expectNoProblems(problems, '/kueri signed in');
    await page.context().close();
  });
});
