import { describe, expect, it } from 'vitest';
import { screenshot } from './browser.js';
import { expectNoProblems, hydrated, openPage, settled, useBrowser, visit } from './session.js';

// Filters live in the URL: changing one changes the URL, back restores the previous view, and
// reloading the URL shows the same view.
describe('filters in the URL', () => {
  const session = useBrowser();

  it('changing the year and the pillar changes the URL; back and reload restore the views', async () => {
    const { page, problems } = await openPage(session.browser());
    await visit(page, session.baseUrl, '/wilayah/35.05');
    const headline = () => page.locator('[data-figure="mean"]').textContent();
    const latest = await headline();

    await page.selectOption('select[name="year"]', '2021');
    await page.waitForURL(/year=2021/);
    await settled(page);
    const in2021 = await headline();
    expect(in2021).not.toBe(latest);
    await expect(page.locator('select[name="year"]').inputValue()).resolves.toBe('2021');

    await page.selectOption('select[name="pillar"]', 'digital_safety');
    await page.waitForURL(/pillar=digital_safety/);
    await settled(page);
    expect(page.url()).toContain('year=2021');
    const safety2021 = await headline();

    await page.goBack();
    await page.waitForURL((url) => !url.search.includes('pillar='));
    await settled(page);
    await expect(headline()).resolves.toBe(in2021);
    await expect(page.locator('select[name="pillar"]').inputValue()).resolves.toBe('skills_index');

    await page.goBack();
    await page.waitForURL((url) => !url.search.includes('year='));
    await settled(page);
    await expect(headline()).resolves.toBe(latest);

    await page.goForward();
    await page.goForward();
    await page.waitForURL(/pillar=digital_safety/);
    await settled(page);
    await page.reload({ waitUntil: 'load' });
    await hydrated(page);
    await expect(headline()).resolves.toBe(safety2021);
    await expect(page.locator('select[name="year"]').inputValue()).resolves.toBe('2021');
    await screenshot(page, 'filters-2021-digital-safety');
    expectNoProblems(problems, 'filters');
    await page.context().close();
  });

  it('works without JavaScript: the filter form submits as a GET', async () => {
    const response = await fetch(`${session.baseUrl}/wilayah/35.05?year=2021&kind=desa`);
    const html = await response.text();
    expect(html).toMatch(/<option value="2021" selected/);
    expect(html).toMatch(/<option value="desa" selected/);
  });
});
