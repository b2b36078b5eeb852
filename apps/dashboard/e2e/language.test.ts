import { describe, expect, it } from 'vitest';
import { screenshot } from './browser.js';
import { expectNoProblems, openPage, settled, useBrowser, visit } from './session.js';

// Indonesian by default, with its decimal comma (3,49); the switch gives English and 3.49.
describe('language switch', () => {
  const session = useBrowser();

  it('changes the labels and the number format', async () => {
    const { page, problems } = await openPage(session.browser());
    await visit(page, session.baseUrl, '/wilayah/35.05');
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('id');
    await expect(
      page.locator('nav[aria-label] a[href^="/kesenjangan"]').textContent(),
    ).resolves.toContain('Kesenjangan');
    const idFigure = (await page.locator('[data-figure="mean"]').textContent())?.trim() ?? '';
    expect(idFigure).toMatch(/^\d,\d+$/);

    await page.locator('a[hreflang="en"]').click();
    await page.waitForURL(/lang=en/);
    await settled(page);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await expect(
      page.locator('nav[aria-label] a[href^="/kesenjangan"]').textContent(),
    ).resolves.toContain('The divide');
    const enFigure = (await page.locator('[data-figure="mean"]').textContent())?.trim() ?? '';
    expect(enFigure).toBe(idFigure.replace(',', '.'));
    // The choice follows the user: links keep the language.
    await expect(
      page.locator('nav[aria-label] a[href^="/kesenjangan"]').getAttribute('href'),
    ).resolves.toContain('lang=en');
    await screenshot(page, 'language-en');
    expectNoProblems(problems, 'language');
    await page.context().close();
  });
});
