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
});
