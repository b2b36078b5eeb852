import type { Locator, Page } from 'playwright';
import { describe, expect, it } from 'vitest';
import { expectNoProblems, openPage, settled, useBrowser, visit } from './session.js';

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

async function rect(locator: Locator): Promise<Rect> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('no box');
  return box;
}

const overlaps = (a: Rect, b: Rect) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** The visible tooltip of a chart, checked to sit beside its mark and inside the viewport. */
async function expectTipBeside(page: Page, chart: string, mark: Locator): Promise<string> {
  const tip = page.locator(`[data-chart="${chart}"] [role="tooltip"]`);
  await expect(tip.isVisible()).resolves.toBe(true);
  const box = await rect(tip);
  const viewport = page.viewportSize()!;
  expect(overlaps(box, await rect(mark))).toBe(false);
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
  expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
  return (await tip.textContent()) ?? '';
}

describe('chart tooltips', () => {
  const session = useBrowser();

  it("shows a bar's tooltip on keyboard focus, described-by, beside the bar; Escape hides it", async () => {
    const { page, problems } = await openPage(session.browser());
    await visit(page, session.baseUrl, '/wilayah/35.05.04');
    const bar = page.locator('[data-chart="children"] a.bar-link').first();
    await bar.focus();
    const text = await expectTipBeside(page, 'children', bar.locator('rect'));
    const label = await bar.getAttribute('aria-label');
    expect(text).toContain(label ?? 'no label');
    // n: the villages behind the value (a district's villages: one each).
    expect(text).toMatch(/: \d,\d\d · n = \d+ desa/);
    // The second line: the measure with its scale, the year shown and the source kind.
    expect(text).toMatch(/Indeks kecakapan digital \(1,00–5,00\) · 20\d\d · sumber: data sintetis/);
    await expect(bar.getAttribute('aria-describedby')).resolves.toBe('children-tip');
    // No second, native tooltip while ours shows: the mark's <title> is out, and back after.
    await expect(bar.locator('title').count()).resolves.toBe(0);
    await page.keyboard.press('Escape');
    await expect(
      page.locator('[data-chart="children"] [role="tooltip"]').isVisible(),
    ).resolves.toBe(false);
    await expect(bar.locator('g > title').count()).resolves.toBe(1);
    await expect(bar.getAttribute('aria-describedby')).resolves.toBeNull();
    expectNoProblems(problems, 'tooltip-focus');
    await page.context().close();
  });

  it("shows a line point's tooltip on hover, with the chart's context line", async () => {
    const { page, problems } = await openPage(session.browser());
    await visit(page, session.baseUrl, '/banding?wilayah=35.05,35.06&year=2023');
    const point = page.locator('[data-chart="compare-trend"] g.series circle').first();
    await point.hover();
    const text = await expectTipBeside(page, 'compare-trend', point);
    expect(text).toMatch(/Kabupaten (Blitar|Kediri), 20\d\d: \d,\d\d/);
    // The second line: the measure with its scale, and the source kind.
    expect(text).toContain('Indeks kecakapan digital (1,00–5,00) · sumber: data sintetis');
    await page.mouse.move(1, 1);
    await expect(
      page.locator('[data-chart="compare-trend"] [role="tooltip"]').isVisible(),
    ).resolves.toBe(false);
    expectNoProblems(problems, 'tooltip-hover');
    await page.context().close();
  });

  it('shows a tooltip on tap; a second tap on the bar follows its link (selecting it)', async () => {
    const { page, problems } = await openPage(session.browser(), {
      width: 390,
      height: 844,
      touch: true,
    });
    await visit(page, session.baseUrl, '/wilayah/35.05.04');
    const bar = page.locator('[data-chart="children"] a.bar-link').first();
    await bar.scrollIntoViewIfNeeded();
    const href = await bar.getAttribute('href');
    await bar.locator('rect').tap();
    await expectTipBeside(page, 'children', bar.locator('rect'));
    expect(new URL(page.url()).pathname).toBe('/wilayah/35.05.04');
    await bar.locator('rect').tap();
    await page.waitForURL((url) => `${url.pathname}${url.search}` === href);
    await settled(page);
    expectNoProblems(problems, 'tooltip-tap');
    await page.context().close();
  });

  it('gives every chart a context line: its caption and source kind by default, the published map its own', async () => {
    const { page, problems } = await openPage(session.browser());
    await visit(page, session.baseUrl, '/kesenjangan');
    const point = page.locator('[data-chart="sigma-cv"] g.series circle').first();
    await point.hover();
    const text = await expectTipBeside(page, 'sigma-cv', point);
    expect(text).toMatch(/sumber: data sintetis$/);

    await visit(page, session.baseUrl, '/?map=iptik');
    const tile = page.locator('[data-chart="province-map"] a.tile-link').first();
    await tile.focus();
    const published = await expectTipBeside(page, 'province-map', tile.locator('rect'));
    expect(published).toContain('BPS, dipublikasikan');
    expect(published).not.toContain('sintetis');
    expectNoProblems(problems, 'tooltip-context');
    await page.context().close();
  });
});
