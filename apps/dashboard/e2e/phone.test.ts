import { describe, expect, it } from 'vitest';
import { screenshot } from './browser.js';
import { expectNoProblems, openPage, useBrowser, visit } from './session.js';

// Issue 11, "On a phone (390 x 844)": the first screen shows a figure (header, search, banner and
// filters take a few lines), no page scrolls sideways, and the priority reasons are readable.
const PHONE = { width: 390, height: 844 };
const PAGES: readonly [string, string][] = [
  ['nasional', '/'],
  ['wilayah-35.05', '/wilayah/35.05'],
  ['wilayah-35.05-banding', '/wilayah/35.05?banding=2021'],
  ['kesenjangan', '/kesenjangan'],
  ['pendampingan', '/pendampingan?region=35.05'],
  ['rencana', '/pendampingan/rencana?region=35.05'],
  ['nasional-pilihan', '/?pilih=35,33&rentang=3-3.5'],
  ['desa', '/desa/35.05.04.2014'],
  ['banding', '/banding?wilayah=35.05,35.06'],
  ['laporan', '/laporan/35.05'],
];

describe('on a phone (390 x 844)', () => {
  const session = useBrowser();

  it.each(PAGES)(
    '%s shows a figure on its first screen and never scrolls sideways',
    async (name, path) => {
      const { page, problems } = await openPage(session.browser(), PHONE);
      await visit(page, session.baseUrl, path);
      const first = await page.evaluate(() => {
        const figure = document.querySelector('main [data-figure], main table');
        return figure ? figure.getBoundingClientRect().top : null;
      });
      expect(first, 'a figure on the page').not.toBeNull();
      expect(first!, 'the first figure starts on the first screen').toBeLessThan(PHONE.height);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, 'no sideways scrolling').toBeLessThanOrEqual(PHONE.width);
      await screenshot(page, `phone-${name}`);
      expectNoProblems(problems, `phone ${name}`);
      await page.context().close();
    },
  );

  it('keeps the name column of a wide table in place while the table scrolls', async () => {
    const { page, problems } = await openPage(session.browser(), PHONE);
    await visit(page, session.baseUrl, '/wilayah/35.05?banding=2021');
    const box = page.locator('.period > .table-scroll');
    const name = box.locator('tbody tr').first().locator('th');
    const before = await name.boundingBox();
    await box.evaluate((e) => e.scrollBy({ left: 400 }));
    await expect(box.evaluate((e) => e.scrollLeft)).resolves.toBeGreaterThan(0);
    const after = await name.boundingBox();
    expect(after!.x).toBeCloseTo(before!.x, 0);
    expectNoProblems(problems, 'phone sticky names');
    await page.context().close();
  });

  it('lists the priorities as cards whose reason reads across the card', async () => {
    const { page, problems } = await openPage(session.browser(), PHONE);
    await visit(page, session.baseUrl, '/pendampingan?region=35.05');
    const cards = page.locator('.priority-table tbody tr');
    expect(await cards.count()).toBeGreaterThan(5);
    for (let i = 0; i < 5; i++) {
      const reason = await cards.nth(i).locator('td.reason').boundingBox();
      const card = await cards.nth(i).boundingBox();
      // The reason takes (nearly) the card's width, and the card stays a card, not a column.
      expect(reason!.width).toBeGreaterThan(card!.width * 0.8);
      expect(reason!.width).toBeGreaterThan(250);
      expect(card!.height).toBeLessThan(320);
    }
    await expect(cards.first().locator('td.reason').textContent()).resolves.toMatch(
      /^Indeks kecakapan \d,\d\d/,
    );
    const table = await page.locator('.priority-table').boundingBox();
    expect(table!.height).toBeLessThan(8700);
    expectNoProblems(problems, 'phone priorities');
    await page.context().close();
  });
});
