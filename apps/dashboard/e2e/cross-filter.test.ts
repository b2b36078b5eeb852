import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from './browser.js';
import { expectNoProblems, openPage, settled, useBrowser, visit } from './session.js';

const count = (text: string | null) => Number((text ?? '').replace(/[^\d]/g, ''));

/** The selection's part of the page's URL. */
function selectionOf(page: Page): { pilih: string | null; rentang: string | null } {
  const url = new URL(page.url());
  return { pilih: url.searchParams.get('pilih'), rentang: url.searchParams.get('rentang') };
}

// "Show me only what this province contributes": on the nation page a click selects a province or
// a range of values, and the other charts follow; the selection is in the URL, cleared in one
// click, works by keyboard, and drilling down is a double click or the selection bar's link.
describe('cross-filtering on the nation page', () => {
  const session = useBrowser();

  it('selects a province by mouse: its line, its bar and its tile follow, in the URL; cleared in one click', async () => {
    const { page, problems } = await openPage(session.browser());
    await visit(page, session.baseUrl, '/');
    // No selection yet: no selection line chart, the ranking is of the index, the help is there.
    await expect(page.locator('[data-chart="selection-trend"]').count()).resolves.toBe(0);
    await expect(page.locator('[data-selection]').textContent()).resolves.toMatch(/klik dua kali/i);

    await page.locator('svg a.tile-link[aria-label^="Jawa Timur"]').click();
    await page.waitForURL(/pilih=35/);
    await settled(page);
    expect(new URL(page.url()).pathname).toBe('/');
    expect(selectionOf(page)).toEqual({ pilih: '35', rentang: null });
    const trend = page.locator('[data-chart="selection-trend"]');
    await expect(trend.locator('svg').textContent()).resolves.toContain('Jawa Timur');
    await expect(trend.locator('svg').textContent()).resolves.toContain('Indonesia');
    await expect(
      page.locator('[data-chart="ranking"] g.bar[data-selected="true"]').getAttribute('data-key'),
    ).resolves.toBe('35');
    await expect(
      page.locator('[data-chart="province-map"] g.tile[data-selected="true"]').count(),
    ).resolves.toBe(1);
    // The gap from equality: Jawa Timur's beside the nation's.
    await expect(
      page.locator('[data-chart="lorenz-gap"] path.gap-other[data-key="35"]').count(),
    ).resolves.toBe(1);
    await expect(
      page.locator('[data-selected-code="35"] a[data-drill-link]').getAttribute('href'),
    ).resolves.toBe('/wilayah/35');
    await expect(page.locator('[data-selection-status]').textContent()).resolves.toContain(
      'Jawa Timur',
    );

    // A second province by its bar: two lines beside the nation's.
    await page.locator('[data-chart="ranking"] a.bar-link[aria-label^="Jawa Tengah"]').click();
    await page.waitForURL(/pilih=35,33/);
    await settled(page);
    await expect(trend.locator('svg').textContent()).resolves.toContain('Jawa Tengah');
    await expect(
      page.locator('[data-chart="province-map"] g.tile[data-selected="true"]').count(),
    ).resolves.toBe(2);

    // Reload keeps it.
    await page.reload();
    await settled(page);
    await expect(page.locator('[data-selected-code]').count()).resolves.toBe(2);

    // One click clears everything.
    await page.locator('[data-clear-selection]').click();
    await page.waitForURL((url) => !url.searchParams.has('pilih'));
    await settled(page);
    expect(selectionOf(page)).toEqual({ pilih: null, rentang: null });
    await expect(trend.count()).resolves.toBe(0);
    await expect(page.locator('svg [data-selected="true"]').count()).resolves.toBe(0);
    await screenshot(page, 'cross-filter-cleared');
    expectNoProblems(problems);
  });

  it('selects the lowest bins of the histogram: the ranking counts each province’s villages there', async () => {
    const { page, problems } = await openPage(session.browser());
    await visit(page, session.baseUrl, '/');
    const bins = page.locator('[data-chart="distribution"] a.bin-link');
    const total = await bins.count();
    expect(total).toBeGreaterThan(3);
    // The counts of the three lowest bins, as the histogram says them ("1,50–1,60: 12").
    const label = async (i: number) => (await bins.nth(i).getAttribute('aria-label')) ?? '';
    const lowest = [await label(0), await label(1), await label(2)].map((l) =>
      count(l.split(':')[1] ?? ''),
    );

    await bins.nth(0).click();
    await page.waitForURL(/rentang=/);
    await settled(page);
    const one = selectionOf(page).rentang;
    await bins.nth(2).click();
    await page.waitForURL((url) => url.searchParams.get('rentang') !== one);
    await settled(page);
    await expect(
      page.locator('[data-chart="distribution"] a.bin-link[data-selected="true"]').count(),
    ).resolves.toBe(3);

    // The ranking became the villages in the range, per province, adding up to the bins' counts.
    const ranking = page.locator('[data-chart="ranking-in-range"]');
    await expect(page.locator('[data-chart="ranking"]').count()).resolves.toBe(0);
    const values = await ranking.locator('svg g.bar title').allTextContents();
    // "Jawa Timur: 57 · dari 8.398 desa": the count, then n.
    expect(values[0]).toMatch(/: [\d.]+ · dari [\d.]+ desa/);
    const perProvince = values.map((v) => count((v.split(':')[1] ?? '').split('·')[0] ?? ''));
    expect(perProvince.reduce((a, b) => a + b, 0)).toBe(lowest.reduce((a, b) => a + b, 0));
    await expect(page.locator('[data-selected-range]').textContent()).resolves.toMatch(
      /Desa bernilai/,
    );
    await screenshot(page, 'cross-filter-range');

    // The range goes with its own ×, the page is back to the index ranking.
    await page.locator('[data-selected-range] a').click();
    await page.waitForURL((url) => !url.searchParams.has('rentang'));
    await settled(page);
    await expect(page.locator('[data-chart="ranking"]').count()).resolves.toBe(1);
    expectNoProblems(problems);
  });

  it('works by keyboard: Enter on a tile selects it and keeps the focus there, Enter on the clear link clears', async () => {
    const { page, problems } = await openPage(session.browser());
    await visit(page, session.baseUrl, '/');
    const tile = page.locator('svg a.tile-link[aria-label^="Jawa Tengah"]');
    await tile.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/pilih=33/);
    await settled(page);
    // The map was drawn anew; the focus is on the same province's tile.
    await expect(
      page.evaluate(() => document.activeElement?.getAttribute('data-key') ?? null),
    ).resolves.toBe('33');
    await expect(page.locator('[data-chart="selection-trend"]').count()).resolves.toBe(1);
    // Enter again takes it out.
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => !url.searchParams.has('pilih'));
    await settled(page);
    await expect(page.locator('[data-chart="selection-trend"]').count()).resolves.toBe(0);

    await page.locator('svg a.tile-link[aria-label^="Jawa Timur"]').focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/pilih=35/);
    await settled(page);
    await page.locator('[data-clear-selection]').focus();
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => !url.searchParams.has('pilih'));
    await settled(page);
    await expect(page.locator('[data-selected-code]').count()).resolves.toBe(0);
    expectNoProblems(problems);
  });

  it('drills down by a double click on a tile, and by the selection bar’s link', async () => {
    const { page, problems } = await openPage(session.browser());
    await visit(page, session.baseUrl, '/?pilih=33');
    const entries = () => page.evaluate(() => history.length);
    const before = await entries();
    await page.locator('svg a.tile-link[aria-label^="Jawa Timur"]').dblclick();
    await page.waitForURL(/\/wilayah\/35(\?|$)/);
    // One navigation, one history entry: the double click did not select Jawa Timur on the way.
    expect(await entries()).toBe(before + 1);
    await settled(page);
    await expect(page.locator('h1').textContent()).resolves.toContain('Jawa Timur');
    expect(selectionOf(page)).toEqual({ pilih: null, rentang: null });

    await visit(page, session.baseUrl, '/?pilih=33');
    await page.locator('[data-selected-code="33"] a[data-drill-link]').click();
    await page.waitForURL(/\/wilayah\/33(\?|$)/);
    await settled(page);
    await expect(page.locator('h1').textContent()).resolves.toContain('Jawa Tengah');
    expectNoProblems(problems);
  });
});

describe('cross-filtering on a region page', () => {
  const session = useBrowser();

  it('selects districts of Blitar and a range: lines, table rows and counts follow', async () => {
    const { page, problems } = await openPage(session.browser());
    await visit(page, session.baseUrl, '/wilayah/35.05');
    await page.locator('[data-chart="children"] a.bar-link[aria-label^="Kademangan"]').click();
    await page.waitForURL(/pilih=35\.05\.04/);
    await settled(page);
    await expect(
      page.locator('[data-chart="selection-trend"] svg').textContent(),
    ).resolves.toContain('Kademangan');
    await expect(
      page.locator('.children-table tr[data-row="35.05.04"] [data-selected-row]').count(),
    ).resolves.toBe(1);
    // The lowest bin: the table gains a column of each district's villages in it.
    await page.locator('[data-chart="distribution"] a.bin-link').first().click();
    await page.waitForURL(/rentang=/);
    await settled(page);
    const cells = await page.locator('.children-table td[data-in-range]').allTextContents();
    const first = await page
      .locator('[data-chart="distribution"] a.bin-link')
      .first()
      .getAttribute('aria-label');
    expect(cells.map(count).reduce((a, b) => a + b, 0)).toBe(count(first?.split(':')[1] ?? ''));
    // The selection of Kademangan stayed beside the range.
    expect(selectionOf(page).pilih).toBe('35.05.04');
    expectNoProblems(problems);
  });
});
