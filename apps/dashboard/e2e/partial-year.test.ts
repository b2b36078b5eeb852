import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage, screenshot } from './browser.js';
import { startDashboard, type LocalDashboard } from './local-server.js';
import { hydrated, settled } from './session.js';
import { panduBin } from '../scripts/pandu-api.js';

// Issue 10's 2027 case, as a user met it: importing the four skills pillars of one village for
// 2027 made every page default to 2027 and show blanks, with the Gini's "turun 0,0027 per tahun"
// printed under a dash. The shared server's database must stay as it is for the other tests (and
// the API holds its file's lock), so this test seeds a database of its own (Jawa Timur, where
// Plosorejo is), imports the 2027 values with `pandu import` as a user would, and starts
// `pnpm start` (scripts/start.js) on it.

const VILLAGE = '35.05.04.2014';

describe('one village imported for 2027 (issue 10)', () => {
  let tmp: string;
  let dashboard: LocalDashboard | undefined;
  let baseUrl: string;
  let browser: Browser;

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'pandu-partial-'));
    const db = join(tmp, 'pandu.duckdb');
    const run = (args: string[]) => {
      const result = spawnSync(process.execPath, [panduBin(), ...args], {
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, CI: '1' },
      });
      if (result.status !== 0) {
        throw new Error(`pandu ${args[0]} failed with ${result.status}: ${result.stderr}`);
      }
    };
    run(['seed', '--db', db, '--provinces', '35']);
    const file = join(tmp, '2027.csv');
    writeFileSync(
      file,
      ['village_code,year,indicator,value']
        .concat(
          ['digital_skills', 'digital_ethics', 'digital_safety', 'digital_culture'].map(
            (indicator) => `${VILLAGE},2027,${indicator},3.5`,
          ),
        )
        .join('\n'),
    );
    run(['import', file, '--db', db]);

    dashboard = await startDashboard({ CI: '1', PANDU_DB: db });
    baseUrl = dashboard.baseUrl;
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await dashboard?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('stays on 2025 by default, offers 2027 marked partial, and marks it when chosen', async () => {
    const { page, problems } = await openPage(browser);
    await page.goto(`${baseUrl}/`, { waitUntil: 'load' });
    await hydrated(page);

    // The default view is the last complete year, with figures, not blanks.
    const year = page.locator('select[name="year"]');
    await expect(year.inputValue()).resolves.toBe('2025');
    const mean = page.locator('.figure', { has: page.locator('[data-figure="mean"]') });
    await expect(mean.locator('dt').textContent()).resolves.toBe('Indeks kecakapan digital 2025');
    await expect(page.locator('[data-figure="gini"]').textContent()).resolves.toMatch(/^0,\d{3}$/);

    // The year filter offers 2027, marked partial with its villages; 2024 and 2025 (after the
    // published ILD's 2023) are marked extrapolated.
    const options = await year.locator('option').allTextContents();
    expect(options).toContain('2027 (sebagian: 1 desa berdata)');
    expect(options).toContain('2025 (ekstrapolasi)');
    expect(options).toContain('2023');

    // The pillars chart: 2027 is an open marker off the lines, the legend and the table say partial.
    const pillars = page.locator('[data-chart="pillars"]');
    await expect(pillars.locator('circle.partial').count()).resolves.toBe(5);
    await expect(pillars.locator('path.partial-segment').count()).resolves.toBe(5);
    await expect(pillars.locator('.legend').textContent()).resolves.toMatch(
      /Tahun sebagian \(2027: 0,0\d+% desa berdata\)/,
    );
    await expect(pillars.locator('g.extrapolated').count()).resolves.toBe(1);
    const rowHeads = await pillars.locator('tbody th').allTextContents();
    expect(rowHeads.at(-1)).toMatch(/^2027 \(Tahun sebagian \(2027: 0,0\d+% desa berdata\)\)$/);
    expect(rowHeads).toContain('2025 (ekstrapolasi)');
    await expect(pillars.locator('figcaption').textContent()).resolves.toContain(
      'diekstrapolasi dari tren ILD yang terbit (sampai 2023)',
    );

    // The default (complete) year has no partial-year notice.
    await expect(page.locator('[data-partial-year]').count()).resolves.toBe(0);
    await screenshot(page, 'partial-year-default');

    // Choosing 2027: the figures say it is a partial year, and no trend stands under a dash.
    await year.selectOption('2027');
    await page.waitForURL(/year=2027/);
    await settled(page);
    await expect(mean.locator('dt').textContent()).resolves.toMatch(
      /^Indeks kecakapan digital 2027 \(tahun sebagian: 0,0\d+% desa berdata\)$/,
    );
    // ...and the page says, above every figure, whose figures these are.
    await expect(page.locator('[data-partial-year="2027"]').textContent()).resolves.toMatch(
      /Tahun 2027 adalah tahun sebagian: hanya 1 desa berdata \(0,0\d+% dari semua desa\)/,
    );
    const gini = page.locator('.figure', { has: page.locator('[data-figure="gini"]') });
    const giniValue = await gini.locator('[data-figure="gini"]').textContent();
    const giniDetail = await gini.locator('dd.detail').allTextContents();
    if (giniValue === '–') expect(giniDetail).toEqual([]);
    // Any trend said is the complete years' one, and says it left 2027 out.
    for (const detail of giniDetail) expect(detail).toContain('tahun sebagian 2027');

    await screenshot(page, 'partial-year-2027');
    expect(problems.errors).toEqual([]);
  });

  it('says the same in English', async () => {
    const { page, problems } = await openPage(browser);
    await page.goto(`${baseUrl}/?lang=en`, { waitUntil: 'load' });
    await hydrated(page);
    const year = page.locator('select[name="year"]');
    await expect(year.inputValue()).resolves.toBe('2025');
    const options = await year.locator('option').allTextContents();
    expect(options).toContain('2027 (partial: 1 with data)');
    expect(options).toContain('2024 (extrapolated)');
    const pillars = page.locator('[data-chart="pillars"]');
    await expect(pillars.locator('.legend').textContent()).resolves.toMatch(
      /Partial year \(2027: 0\.0\d+% of villages with data\)/,
    );
    await expect(pillars.locator('figcaption').textContent()).resolves.toContain(
      'extrapolated from the published ILD trend (up to 2023), not measured',
    );
    expect(problems.errors).toEqual([]);
  });
});
