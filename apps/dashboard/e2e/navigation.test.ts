import { describe, expect, it } from 'vitest';
import { screenshot } from './browser.js';
import { expectNoProblems, openPage, settled, useBrowser, visit } from './session.js';

// Issue 11's navigation defects, each checked as a user meets it.
describe('tabs, the region browser, the village finder and the error page', () => {
  const session = useBrowser();

  it('keeps the region in scope when moving between tabs', async () => {
    const { page, problems } = await openPage(session.browser());
    await visit(page, session.baseUrl, '/wilayah/35.05?year=2023');
    const tab = (name: string) =>
      page.locator('nav .site-nav a', { hasText: new RegExp(`^${name}$`) }).getAttribute('href');
    await expect(tab('Kesenjangan')).resolves.toBe('/kesenjangan?region=35.05&year=2023');
    await expect(tab('Pendampingan')).resolves.toBe('/pendampingan?region=35.05&year=2023');
    await expect(tab('Data')).resolves.toBe('/data?region=35.05&year=2023');
    await expect(tab('Desa')).resolves.toBe('/desa?region=35.05&year=2023');
    await expect(tab('Bandingkan')).resolves.toBe('/banding?wilayah=35.05&year=2023');
    await expect(tab('Wilayah')).resolves.toBe('/wilayah/35.05?year=2023');
    // The nation is no region: its tab leaves it.
    await expect(tab('Nasional')).resolves.toBe('/?year=2023');

    await page.locator('nav .site-nav a', { hasText: /^Kesenjangan$/ }).click();
    await page.waitForURL(/\/kesenjangan\?region=35\.05/);
    await settled(page);
    await expect(page.locator('h1').textContent()).resolves.toContain('Kabupaten Blitar');
    // And back: the region tab returns to the region.
    await expect(tab('Wilayah')).resolves.toBe('/wilayah/35.05?year=2023');
    expectNoProblems(problems, 'tabs');
    await page.context().close();
  });

  it('browses regions: every province with its regencies, narrowed by typing', async () => {
    const { page, problems } = await openPage(session.browser());
    await visit(page, session.baseUrl, '/wilayah');
    await expect(page.locator('h1').textContent()).resolves.toBe('Jelajahi wilayah');
    // Every province of the database (the test's has the seeded ones), as the lead counts them.
    const lead = await page.locator('.lead').textContent();
    const provinces = Number(/(\d+) provinsi/.exec(lead ?? '')?.[1]);
    expect(provinces).toBeGreaterThanOrEqual(2);
    await expect(page.locator('[data-province]').count()).resolves.toBe(provinces);
    await page.fill('[data-browse-filter]', 'blitar');
    await expect(page.locator('[data-province]').count()).resolves.toBe(1);
    const links = await page.locator('[data-province="35"] .regencies a').allTextContents();
    expect(links).toEqual(['Kabupaten Blitar', 'Kota Blitar']);
    await page.getByRole('link', { name: 'Kabupaten Blitar', exact: true }).click();
    await page.waitForURL(/\/wilayah\/35\.05(\?|$)/);
    expectNoProblems(problems, 'browse');
    await page.context().close();
  });

  it('finds villages by province, regency, district, name and kind, in the URL', async () => {
    const { page, problems } = await openPage(session.browser());
    await visit(page, session.baseUrl, '/desa');
    await expect(page.locator('h1').textContent()).resolves.toBe('Cari desa');
    await page.selectOption('select[name="provinsi"]', '35');
    await page.waitForURL(/\/desa\?region=35$/);
    await settled(page);
    await page.selectOption('select[name="kabupaten"]', '35.05');
    await page.waitForURL(/\/desa\?region=35\.05$/);
    await settled(page);
    await page.fill('form.finder input[name="q"]', 'rejo');
    await page.press('form.finder input[name="q"]', 'Enter');
    await page.waitForURL(/\/desa\?region=35\.05&q=rejo$/);
    await settled(page);
    const names = await page.locator('.finder-results tbody th a').allTextContents();
    expect(names.length).toBeGreaterThan(3);
    for (const name of names) expect(name.toLowerCase()).toContain('rejo');
    expect(names).toContain('Plosorejo');
    await page.selectOption('select[name="kecamatan"]', '35.05.04');
    await page.waitForURL(/\/desa\?region=35\.05\.04&q=rejo$/);
    await settled(page);
    await expect(page.locator('.finder-results tbody th a').allTextContents()).resolves.toContain(
      'Plosorejo',
    );
    await screenshot(page, 'desa-finder');
    await page.getByRole('link', { name: 'Plosorejo', exact: true }).click();
    await page.waitForURL(/\/desa\/35\.05\.04\.2014/);
    expectNoProblems(problems, 'finder');
    await page.context().close();
  });

  it('says in the page language that a region is not found, with no developer message', async () => {
    const { page } = await openPage(session.browser());
    const response = await page.goto(`${session.baseUrl}/wilayah/blitar`);
    expect(response?.status()).toBe(404);
    await expect(page.locator('h1').textContent()).resolves.toBe('Tidak ditemukan');
    const body = await page.locator('main').textContent();
    expect(body).toContain('Tidak ada wilayah atau desa dengan kode “blitar”');
    expect(body).not.toMatch(/invalid|unknown|region code/i);
    await expect(
      page.getByRole('link', { name: 'Cari “blitar”' }).getAttribute('href'),
    ).resolves.toBe('/cari?q=blitar');

    await page.goto(`${session.baseUrl}/wilayah/35.99?lang=en`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Not found');
    await expect(page.locator('main').textContent()).resolves.toContain(
      'No region or village has the code “35.99”',
    );
    await page.context().close();
  });

  it('says that a threshold off the scale is not used, and shows the figures with the default', async () => {
    const { page, problems } = await openPage(session.browser());
    const response = await page.goto(`${session.baseUrl}/kesenjangan?region=35.05&threshold=9`);
    expect(response?.status()).toBe(200);
    await settled(page);
    await expect(page.locator('[data-threshold-off-scale]').textContent()).resolves.toContain(
      'Ambang 9 di luar skala ukuran ini (1 sampai 5); dipakai ambang bawaan 3.',
    );
    await expect(page.locator('input[name="threshold"]').getAttribute('max')).resolves.toBe('5');
    expectNoProblems(problems, 'threshold-off-scale');
    await page.context().close();
  });
});
