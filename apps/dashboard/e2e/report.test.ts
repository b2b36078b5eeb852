import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, screenshot } from './browser.js';
import { expectNoProblems, openPage, settled, useBrowser, visit } from './session.js';

/** Pages of a PDF as Chromium writes it: one `/Type /Page` object each (`/Pages` is the tree). */
function pdfPages(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
}

// A brief of Kabupaten Blitar for a meeting: reached from its page, the same figures, printed by
// Chromium to A4: two pages, one per section, so no chart or table is cut by a page break.
describe('the printable brief (/laporan)', () => {
  const session = useBrowser();

  it('prints /laporan/35.05 to two A4 pages, each section whole, with the figures of the region page', async () => {
    const { page, problems } = await openPage(session.browser());
    await visit(page, session.baseUrl, '/wilayah/35.05');
    const mean = await page.locator('[data-figure="mean"]').textContent();
    await page.locator('a[data-report-link]').click();
    await page.waitForURL(/\/laporan\/35\.05(\?|$)/);
    await settled(page);

    await expect(page.locator('h1').textContent()).resolves.toBe('Ringkasan Kabupaten Blitar');
    await expect(page.locator('[data-figure="mean"]').textContent()).resolves.toBe(mean);
    const meta = await page.locator('[data-report-meta]').textContent();
    expect(meta).toMatch(
      /Kabupaten\/kota · 35\.05 · tahun \d{4} · versi data \d+ · dibuat \d+ \w+ \d{4}/,
    );
    await expect(page.locator('[data-report="behind"] tbody tr').count()).resolves.toBe(5);
    await expect(page.locator('[data-report="priorities"] li').count()).resolves.toBe(5);
    await expect(
      page.locator('[data-report="priorities"] li').first().textContent(),
    ).resolves.toMatch(/Indeks kecakapan \d,\d\d, .* terbawah dari/);
    await expect(page.locator('[data-report-synthetic]').textContent()).resolves.toContain(
      'Data sintetis',
    );
    await expect(page.locator('[data-report="sources"]').textContent()).resolves.toContain(
      '/metode',
    );
    await screenshot(page, 'laporan-35.05');

    // The button asks the browser to print.
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => {
        (window as unknown as { printed: number }).printed += 1;
      };
    });
    await page.getByRole('button', { name: 'Cetak / unduh PDF' }).click();
    await expect(
      page.evaluate(() => (window as unknown as { printed: number }).printed),
    ).resolves.toBe(1);

    // On paper: no navigation, no controls, no data tables folded under the charts.
    await page.emulateMedia({ media: 'print' });
    for (const selector of ['.site-header', '.site-search', '.print-button', '.chart__table']) {
      await expect(
        page
          .locator(selector)
          .first()
          .evaluate((e) => getComputedStyle(e).display),
        selector,
      ).resolves.toBe('none');
    }
    await expect(
      page.locator('[data-chart="report-trend"]').evaluate((e) => getComputedStyle(e).breakInside),
    ).resolves.toBe('avoid');
    await expect(
      page.locator('[data-report-page="2"]').evaluate((e) => getComputedStyle(e).breakBefore),
    ).resolves.toBe('page');

    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    await writeFile(join(ARTIFACTS, 'laporan-35.05.pdf'), pdf);
    // Two sections, the second starting a page: two pages means each fits its page whole.
    expect(pdfPages(pdf)).toBe(2);
    expectNoProblems(problems, 'laporan');
    await page.context().close();
  });

  it('reads in English, and a province brief still fits two pages', async () => {
    const { page, problems } = await openPage(session.browser());
    await visit(page, session.baseUrl, '/laporan/35?lang=en');
    await expect(page.locator('h1').textContent()).resolves.toBe('Brief: Jawa Timur');
    await expect(page.locator('#report-headline').textContent()).resolves.toBe('Headline figures');
    await expect(page.locator('[data-report="divide"]').textContent()).resolves.toMatch(
      /Gini 0\.\d{3} in \d{4}, over [\d,]+ villages/,
    );
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    expect(pdfPages(pdf)).toBe(2);
    expectNoProblems(problems, 'laporan-en');
    await page.context().close();
  });
});
