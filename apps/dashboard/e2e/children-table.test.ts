import { describe, expect, it } from 'vitest';
import { expectNoProblems, hydrated, openPage, settled, useBrowser, visit } from './session.js';

// Issue 11's defects of the children's table: the sort was not in the URL, and with the access
// index as the measure "Indeks akses" was a column twice.
describe("a region's children table", () => {
  const session = useBrowser();

  it('keeps its sort in the URL: a click, a reload and a link without JavaScript give the same order', async () => {
    const { page, problems } = await openPage(session.browser());
    await visit(page, session.baseUrl, '/wilayah/35.05');
    const names = () => page.locator('.children-table tbody th a').allTextContents();
    const byValue = await names();

    await page.locator('.children-table th a[data-sort="name"]').click();
    await page.waitForURL(/urut=name/);
    const byName = await names();
    expect(byName).toEqual([...byValue].sort((a, b) => a.localeCompare(b, 'id')));
    await expect(
      page.locator('.children-table th[aria-sort="ascending"]').textContent(),
    ).resolves.toContain('Wilayah');

    await page.locator('.children-table th a[data-sort="name"]').click();
    await page.waitForURL(/urut=-name/);
    expect(await names()).toEqual([...byName].reverse());

    await page.reload();
    await settled(page);
    expect(await names()).toEqual([...byName].reverse());
    expectNoProblems(problems, 'children-sort');
    await page.context().close();
  });

  it('sorts by a link without JavaScript too', async () => {
    const browser = session.browser();
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${session.baseUrl}/wilayah/35.05`);
    await page.locator('.children-table th a[data-sort="change"]').click();
    await page.waitForURL(/urut=-change/);
    const changes = await page
      .locator('.children-table tbody tr td:nth-of-type(2)')
      .allTextContents();
    const numbers = changes.map((c) =>
      Number(c.replace('+', '').replace(',', '.').replace('−', '-')),
    );
    expect(numbers.length).toBeGreaterThan(5);
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
    await context.close();
  });

  it('names the access index once when it is the measure', async () => {
    const { page, problems } = await openPage(session.browser());
    await visit(page, session.baseUrl, '/wilayah/35.05?pillar=access_index');
    await hydrated(page);
    const headers = (await page.locator('.children-table thead th').allTextContents()).map((h) =>
      h.trim(),
    );
    expect(headers.filter((h) => h.startsWith('Indeks akses'))).toHaveLength(1);
    expect(headers).toContain('Indeks manfaat');
    // Each row has as many cells as the header has columns.
    const cells = await page.locator('.children-table tbody tr').first().locator('th, td').count();
    expect(cells).toBe(headers.length);
    expectNoProblems(problems, 'children-access');
    await page.context().close();
  });
});
