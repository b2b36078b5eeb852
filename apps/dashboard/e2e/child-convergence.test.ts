import { describe, expect, it } from 'vitest';
import { expectNoProblems, openPage, useBrowser, visit } from './session.js';

// The divide page draws the API's divide.childConvergence: one point per district of Kabupaten
// Blitar, each a link to its region page with the view's filters and language.
describe('child regions on the divide page', () => {
  const session = useBrowser();

  it('draws a linked point per district of Kabupaten Blitar, with the fitted slope', async () => {
    const { page, problems } = await openPage(session.browser());
    await visit(page, session.baseUrl, '/kesenjangan?region=35.05&pillar=digital_safety&lang=en');
    const beta = page.locator('[data-chart="beta"]');
    const hrefs = await beta
      .locator('svg a')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    // Blitar has 22 districts; the seed gives each a value in every year.
    expect(hrefs).toHaveLength(22);
    for (const href of hrefs) {
      expect(href).toMatch(/^\/wilayah\/35\.05\.\d{2}\?pillar=digital_safety&lang=en$/);
    }
    await expect(beta.textContent()).resolves.toMatch(/slope -?\d\.\d{4}/);
    expectNoProblems(problems, 'child convergence');
    await page.context().close();
  });

  it('says how sure the convergence is: verdict with p and n, both half-lives, the projection', async () => {
    const { page, problems } = await openPage(session.browser());
    await visit(page, session.baseUrl, '/kesenjangan?region=35&lang=id');
    const figure = (key: string) => page.locator(`[data-figure="${key}"]`);
    const detail = (key: string) =>
      page.locator(`.figure:has([data-figure="${key}"]) dd.detail`).textContent();
    await expect(figure('sigma').textContent()).resolves.toBe('Menyempit');
    await expect(detail('sigma')).resolves.toMatch(
      /SK 95 % .* s\.d\. .*; p < 0,001; .*n = [\d.]+ desa/,
    );
    await expect(detail('beta')).resolves.toMatch(/^Menyempit; SK 95 % -0,\d{4} s\.d\. -0,\d{4}/);
    // Both half-lives: the relative one and, longer, the absolute one.
    const relative = Number(
      ((await figure('half-life').textContent()) ?? '')
        .match(/^([\d,]+) tahun/)?.[1]
        ?.replace(',', '.'),
    );
    const absolute = Number(
      ((await detail('half-life')) ?? '').match(/([\d,]+) tahun/)?.[1]?.replace(',', '.'),
    );
    expect(relative).toBeGreaterThan(5);
    expect(absolute).toBeGreaterThan(relative);
    // Regression (issue 12): "mencapai nol sekitar 2025" beside a share above zero in 2025.
    const share = await detail('share-below');
    expect(share).toMatch(/^Sudah di bawah 1% \(0,\d+% pada 2025\)\.$/);
    expect(await page.locator('main').textContent()).not.toMatch(/mencapai nol/);
    expectNoProblems(problems, 'convergence words');
    await page.context().close();
  });

  it('calls a district of six villages "too few villages" on its region page, with p and n', async () => {
    // Regression (issue 12): 35.10.17 was called converging with p = 0.92 and 6 villages.
    const { page, problems } = await openPage(session.browser());
    await visit(page, session.baseUrl, '/wilayah/35.10.17?lang=en');
    await expect(page.locator('[data-figure="convergence"]').textContent()).resolves.toBe(
      'Too few villages (only 6 villages; a verdict needs at least 30)',
    );
    await expect(
      page.locator('.figure:has([data-figure="convergence"]) dd.detail').textContent(),
    ).resolves.toMatch(/^p = 0\.\d+; n = 6 villages$/);
    expectNoProblems(problems, 'district verdict');
    await page.context().close();
  });
});
