import { describe, expect, it } from 'vitest';
import { screenshot } from './browser.js';
import { ROUTES } from './route-list.js';
import { expectNoProblems, openPage, useBrowser, visit } from './session.js';

// Every route loads, server-rendered with data, with no console error and no failed request, at
// desktop width and at 360 px (no sideways scrolling); each is saved as a screenshot artifact.

describe('every route', () => {
  const session = useBrowser();

  it.each(ROUTES)('%s (%s) renders with data and no errors', async (name, path) => {
    const { page, problems } = await openPage(session.browser());
    // Server-side rendered: the HTML that arrives already has the page's heading and figures.
    const html = await (await fetch(`${session.baseUrl}${path}`)).text();
    expect(html).toMatch(/<h1[^>]*>/);
    expect(html).not.toContain('undefined');
    await visit(page, session.baseUrl, path);
    await expect(page.locator('h1').first().isVisible()).resolves.toBe(true);
    expect(await page.locator('.synthetic-note').count(), 'synthetic-data note').toBe(1);
    await screenshot(page, name);
    expectNoProblems(problems, path);
    await page.context().close();
  });

  it.each(ROUTES.slice(0, 6))('%s fits 360 px without sideways scrolling', async (name, path) => {
    const { page, problems } = await openPage(session.browser(), { width: 360, height: 740 });
    await visit(page, session.baseUrl, path);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow, `${path} overflows by ${overflow} px`).toBeLessThanOrEqual(0);
    await screenshot(page, `${name}-360`);
    expectNoProblems(problems, path);
    await page.context().close();
  });

  it('answers an unknown region with a 404 page that says which code', async () => {
    const response = await fetch(`${session.baseUrl}/wilayah/35.99`);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('35.99');
  });
});
