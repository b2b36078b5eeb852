import { describe, expect, it } from 'vitest';
import { expectNoProblems, openPage, useBrowser, visit } from './session.js';

describe('accessibility', () => {
  const session = useBrowser();

  it('starts with a skip link and shows where the keyboard focus is', async () => {
    const { page, problems } = await openPage(session.browser());
    await visit(page, session.baseUrl, '/');
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const style = getComputedStyle(el);
      return {
        href: el.getAttribute('href'),
        outline: style.outlineStyle,
        width: style.outlineWidth,
      };
    });
    expect(first.href).toBe('#main');
    expect(first.outline).not.toBe('none');
    // Tab on into the page: every focused element keeps a visible outline.
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      const outline = await page.evaluate(
        () => getComputedStyle(document.activeElement as HTMLElement).outlineStyle,
      );
      expect(outline).not.toBe('none');
    }
    expectNoProblems(problems, 'keyboard');
    await page.context().close();
  });

  it('gives every chart a name, a description and its data as a table', async () => {
    const { page } = await openPage(session.browser());
    for (const path of [
      '/',
      '/wilayah/35.05',
      '/desa/35.05.04.2014',
      '/kesenjangan',
      '/pendampingan',
    ]) {
      await visit(page, session.baseUrl, path);
      const charts = await page.locator('figure[data-chart]').evaluateAll((figures) =>
        figures.map((f) => ({
          chart: f.getAttribute('data-chart'),
          svg: f.querySelector('svg') !== null,
          title: f.querySelector('svg > title')?.textContent?.trim() ?? '',
          desc: f.querySelector('svg > desc')?.textContent?.trim() ?? '',
          table: f.querySelector('table') !== null,
        })),
      );
      expect(charts.length, path).toBeGreaterThan(0);
      for (const c of charts) {
        if (!c.svg) continue;
        expect(c.title, `${path} ${c.chart}`).not.toBe('');
        expect(c.desc, `${path} ${c.chart}`).not.toBe('');
        expect(c.table, `${path} ${c.chart} has no data table`).toBe(true);
      }
    }
    await page.context().close();
  });
});
