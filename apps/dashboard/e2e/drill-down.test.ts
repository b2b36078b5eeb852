import { describe, expect, it } from 'vitest';
import { screenshot } from './browser.js';
import { expectNoProblems, openPage, settled, useBrowser, visit } from './session.js';

// Nation -> Jawa Timur -> Kabupaten Blitar -> Kademangan -> Plosorejo, by clicking: a double click on
// a province tile (a click selects it, see cross-filter.test.ts), then a bar of the children's chart
// selected and opened from the selection bar, then a row of the children's table.
describe('drill-down by clicking', () => {
  const session = useBrowser();

  it('reaches Plosorejo, whose timeline has the Blitar workshop of 2 November 2021', async () => {
    const { page, problems } = await openPage(session.browser());
    await visit(page, session.baseUrl, '/');

    await page.locator('svg a.tile-link[aria-label^="Jawa Timur"]').dblclick();
    await page.waitForURL(/\/wilayah\/35(\?|$)/);
    await settled(page);
    await expect(page.locator('h1').textContent()).resolves.toContain('Jawa Timur');

    await page.locator('svg a.bar-link[aria-label^="Kabupaten Blitar"]').click();
    await page.waitForURL(/pilih=35\.05/);
    await settled(page);
    await page.locator('[data-selected-code="35.05"] a[data-drill-link]').click();
    await page.waitForURL(/\/wilayah\/35\.05(\?|$)/);
    await settled(page);
    await expect(page.locator('h1').textContent()).resolves.toContain('Kabupaten Blitar');

    await page.getByRole('link', { name: 'Kademangan', exact: true }).first().click();
    await page.waitForURL(/\/wilayah\/35\.05\.04(\?|$)/);
    await settled(page);
    await expect(page.locator('h1').textContent()).resolves.toContain('Kademangan');
    // The breadcrumb leads back up to the nation.
    const crumbs = await page.locator('nav.breadcrumb a').allTextContents();
    expect(crumbs.map((c) => c.trim())).toEqual(['Indonesia', 'Jawa Timur', 'Kabupaten Blitar']);

    await page.getByRole('link', { name: 'Plosorejo', exact: true }).first().click();
    await page.waitForURL(/\/desa\/35\.05\.04\.2014(\?|$)/);
    await settled(page);
    await expect(page.locator('h1').textContent()).resolves.toContain('Plosorejo');

    const timeline = page.locator('[data-chart="mentoring-timeline"]');
    await expect(timeline.textContent()).resolves.toContain('2 November 2021');
    await expect(timeline.textContent()).resolves.toContain('Kampung Coklat');
    await screenshot(page, 'drill-down-plosorejo');
    expectNoProblems(problems, 'drill-down');
    await page.context().close();
  });
});
