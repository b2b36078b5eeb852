import { describe, expect, it } from 'vitest';
import { screenshot } from './browser.js';
import { expectNoProblems, openPage, settled, useBrowser, visit } from './session.js';

// "How does Kabupaten Blitar compare with Kabupaten Kediri?": from Blitar's page to /banding, a
// region added by its suggestion and one by words, one removed, in the URL and kept by a reload.
describe('regions side by side (/banding)', () => {
  const session = useBrowser();

  it('compares Blitar with Kediri, adds Kota Malang by name, removes Kediri, and reloads to the same view', async () => {
    const { page, problems } = await openPage(session.browser());
    await visit(page, session.baseUrl, '/wilayah/35.05');
    const blitarMean = await page.locator('[data-figure="mean"]').textContent();

    await page.locator('a[data-compare-link]').click();
    await page.waitForURL(/\/banding\?wilayah=35\.05$/);
    await settled(page);
    await expect(page.locator('.too-few').textContent()).resolves.toContain('paling sedikit dua');

    // Blitar's neighbours are suggested; a suggestion carries its code.
    const suggestions = await page
      .locator('#compare-suggestions option')
      .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    expect(suggestions).toContain('Kabupaten Kediri (35.06)');
    await page.fill('input[name="tambah"]', 'Kabupaten Kediri (35.06)');
    await page.press('input[name="tambah"]', 'Enter');
    await page.waitForURL(/\/banding\?wilayah=35\.05,35\.06$/);
    await settled(page);

    const header = async () =>
      (await page.locator('.compare-table thead th[data-region]').allTextContents()).map((s) =>
        s.trim(),
      );
    expect(await header()).toEqual(['Kabupaten Blitar', 'Kabupaten Kediri']);
    const meanCells = page.locator('.compare-table tr[data-row="mean"] td');
    // The same figure as Blitar's own page shows, and a figure for Kediri.
    await expect(meanCells.nth(0).textContent()).resolves.toBe(blitarMean);
    await expect(meanCells.nth(1).textContent()).resolves.toMatch(/^\d,\d\d$/);
    // Both on the one chart of the years, and one small multiple each.
    const legend = await page.locator('[data-chart="compare-trend"]').textContent();
    expect(legend).toContain('Kabupaten Blitar');
    expect(legend).toContain('Kabupaten Kediri');
    await expect(page.locator('.multiples figure').count()).resolves.toBe(2);

    // Words, not a code: the search finds the city before any village of that name.
    await page.fill('input[name="tambah"]', 'kota malang');
    await page.press('input[name="tambah"]', 'Enter');
    await page.waitForURL(/\/banding\?wilayah=35\.05,35\.06,35\.73$/);
    await settled(page);
    expect(await header()).toEqual(['Kabupaten Blitar', 'Kabupaten Kediri', 'Kota Malang']);

    await page.getByRole('link', { name: 'Hapus Kabupaten Kediri' }).click();
    await page.waitForURL(/\/banding\?wilayah=35\.05,35\.73$/);
    await settled(page);
    expect(await header()).toEqual(['Kabupaten Blitar', 'Kota Malang']);

    await page.reload();
    await settled(page);
    expect(await header()).toEqual(['Kabupaten Blitar', 'Kota Malang']);
    await screenshot(page, 'banding-blitar-malang');

    // Words that find nothing stay on the page, with a message in the page's language.
    await page.fill('input[name="tambah"]', 'zzqxv');
    await page.press('input[name="tambah"]', 'Enter');
    await page.waitForURL(/tambah=zzqxv/);
    await settled(page);
    await expect(page.locator('.problems').textContent()).resolves.toContain(
      'Tidak ditemukan provinsi, kabupaten/kota atau kecamatan untuk "zzqxv"',
    );
    expect(await header()).toEqual(['Kabupaten Blitar', 'Kota Malang']);
    expectNoProblems(problems, 'banding');
    await page.context().close();
  });

  it('keeps the year and the language, and names what it cannot compare', async () => {
    const { page, problems } = await openPage(session.browser());
    await visit(
      page,
      session.baseUrl,
      '/banding?wilayah=35.05,35.05.04.2014,35.99&year=2021&lang=en',
    );
    await expect(page.locator('.problems').textContent()).resolves.toMatch(
      /Not the code of a province, regency or district: 35\.05\.04\.2014\.[\s\S]*No region has the code 35\.99\./,
    );
    await expect(page.locator('.compare-table tr[data-row="mean"] th').textContent()).resolves.toBe(
      'Digital skills index 2021',
    );
    await page.selectOption('select[name="year"]', '2023');
    await page.waitForURL(/year=2023/);
    await settled(page);
    expect(page.url()).toContain('wilayah=35.05');
    await expect(page.locator('.compare-table tr[data-row="mean"] th').textContent()).resolves.toBe(
      'Digital skills index 2023',
    );
    expectNoProblems(problems, 'banding-en');
    await page.context().close();
  });
});
