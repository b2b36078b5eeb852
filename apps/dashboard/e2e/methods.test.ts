import { describe, expect, it } from 'vitest';
import { expectNoProblems, hydrated, openPage, useBrowser, visit } from './session.js';

// Issue 12: the methods page in both languages, and a chart's note linking to its method.
describe('/metode', () => {
  const session = useBrowser();

  it('a chart’s note links to its method; the page is in Indonesian and English', async () => {
    const { page, problems } = await openPage(session.browser());
    await visit(page, session.baseUrl, '/kesenjangan?region=35.05');
    const link = page.locator('[data-chart="theil"] figcaption a');
    await expect(link.getAttribute('href')).resolves.toBe('/metode#theil');
    await link.click();
    await page.waitForURL(/\/metode#theil$/);
    await hydrated(page);
    const section = page.locator('section#theil');
    await expect(section.locator('h2').textContent()).resolves.toBe(
      'Indeks Theil T dan dekomposisinya',
    );
    await expect(section.textContent()).resolves.toContain('T_between');
    // Every method is listed in the contents and has its section.
    const contents = await page.locator('nav[aria-labelledby="methods-toc"] a').count();
    await expect(page.locator('section.method').count()).resolves.toBe(contents);
    expect(contents).toBeGreaterThan(15);

    await visit(page, session.baseUrl, '/metode?lang=en');
    await expect(page.locator('section#gini h2').textContent()).resolves.toBe('Gini coefficient');
    await expect(page.locator('h1').textContent()).resolves.toBe('Methods');
    expectNoProblems(problems, '/metode');
    await page.context().close();
  });
});
