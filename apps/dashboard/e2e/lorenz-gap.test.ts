import { describe, expect, it } from 'vitest';
import { expectNoProblems, openPage, useBrowser, visit } from './session.js';

// Issue 11: at a Gini of 0.03-0.04 the Lorenz curve looks like perfect equality. The region page
// now draws the gap itself beside it, on its own scale.
describe('the Lorenz gap', () => {
  const session = useBrowser();

  it("shows Blitar's gap from equality as a visible hump with its widest point named", async () => {
    const { page, problems } = await openPage(session.browser());
    await visit(page, session.baseUrl, '/wilayah/35.05');
    const gini = Number(
      (await page.locator('[data-figure="gini"]').textContent())?.replace(',', '.'),
    );
    expect(gini).toBeGreaterThan(0.01);
    expect(gini).toBeLessThan(0.06);
    const chart = page.locator('[data-chart="lorenz-gap"]');
    await expect(
      chart.locator('svg text', { hasText: /^Terlebar: \d+,\d poin$/ }).count(),
    ).resolves.toBe(1);
    // The widest point sits in the upper half of the plot: the hump fills the chart.
    const svg = await chart.locator('svg').boundingBox();
    const marker = await chart.locator('circle.widest').boundingBox();
    expect(marker!.y - svg!.y).toBeLessThan(svg!.height / 2);
    expectNoProblems(problems, 'lorenz-gap');
    await page.context().close();
  });
});
