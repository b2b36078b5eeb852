import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from './browser.js';
import { expectNoProblems, openPage, settled, useBrowser, visit } from './session.js';

// Names are not unique: there are 11 villages named Plosorejo (idn-area-data 4.0.1), nine in Jawa
// Tengah and two in Jawa Timur. The search tells them apart by district and regency.
const PLOSOREJO: readonly [string, string, string][] = [
  ['33.12.16.2002', 'Kismantoro', 'Kabupaten Wonogiri'],
  ['33.13.05.2008', 'Matesih', 'Kabupaten Karanganyar'],
  ['33.13.16.2005', 'Kerjo', 'Kabupaten Karanganyar'],
  ['33.14.06.2007', 'Gondang', 'Kabupaten Sragen'],
  ['33.15.11.2008', 'Tawangharjo', 'Kabupaten Grobogan'],
  ['33.16.02.2014', 'Randublatung', 'Kabupaten Blora'],
  ['33.16.11.2019', 'Banjarejo', 'Kabupaten Blora'],
  ['33.16.13.2008', 'Kunduran', 'Kabupaten Blora'],
  ['33.18.05.2018', 'Pucakwangi', 'Kabupaten Pati'],
  ['35.05.04.2014', 'Kademangan', 'Kabupaten Blitar'],
  ['35.06.12.2018', 'Gampengrejo', 'Kabupaten Kediri'],
];

describe('search', () => {
  const session = useBrowser();

  it('finds the 11 villages named Plosorejo with their districts and regencies, by keyboard', async () => {
    const { page, problems } = await openPage(session.browser());
    await visit(page, session.baseUrl, '/');
    const box = page.locator('input[role="combobox"]');
    await box.focus();
    await page.keyboard.type('Plosorejo');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/cari\?q=Plosorejo/);
    await settled(page);

    // The 11 named Plosorejo first; names a typo or two away follow.
    const villages = page.locator('ol.results > li').filter({
      has: page.locator('a', { hasText: /^plosorejo$/i }),
    });
    await expect(villages.count()).resolves.toBe(11);
    const first11 = await page
      .locator('ol.results > li a')
      .evaluateAll((links) => links.slice(0, 11).map((a) => a.textContent?.toLowerCase()));
    expect(first11).toEqual(Array(11).fill('plosorejo'));
    const texts = await villages.allTextContents();
    const hrefs = await villages
      .locator('a')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    for (const [code, district, regency] of PLOSOREJO) {
      const i = hrefs.findIndex((h) => h?.startsWith(`/desa/${code}`));
      expect(i, code).toBeGreaterThanOrEqual(0);
      expect(texts[i]).toContain(district);
      expect(texts[i]).toContain(regency);
    }
    // Each result names a district and a regency: the label alone would repeat "Plosorejo".
    expect(new Set(texts.map((t) => t.replace(/\s+/g, ' ').trim())).size).toBe(11);
    await screenshot(page, 'search-plosorejo');

    // Keyboard only: Tab reaches the first result and Enter opens it.
    await villages.first().locator('a').focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/desa\//);
    expectNoProblems(problems, 'search');
    await page.context().close();
  });
});

// Issue 11's search cases, each with the place a person typing it means. The browser tests' database
// holds Jawa Tengah (33) and Jawa Timur (35) only, so 'DKI' and 'Jakarta' are checked against all
// 91,599 regions in packages/db (search-regions.test.ts) and 'Jateng' stands in here.
const CASES: readonly [string, RegExp][] = [
  ['Blitr', /^35\.(72|05)$/],
  ['kab blitar', /^35\.05$/],
  ['Plosorejo Blitar', /^35\.05\.04\.2014$/],
  ['Jatim', /^35$/],
  ['Jateng', /^33$/],
  ['kota malang', /^35\.73$/],
  ['Pelosorejo', new RegExp(`^(${PLOSOREJO.map(([c]) => c.replaceAll('.', '\\.')).join('|')})$`)],
];

/** Clear the box, type `q` key by key, and wait for the suggestions answering it. */
async function typeQuery(page: Page, q: string): Promise<void> {
  const box = page.locator('input[role="combobox"]');
  await box.fill('');
  await box.focus();
  const answered = page.waitForResponse(
    (r) => r.url().includes('/cari/saran?') && new URL(r.url()).searchParams.get('q') === q,
  );
  await page.keyboard.type(q, { delay: 20 });
  await answered;
  await page.getByRole('listbox').locator('[role="option"]').first().waitFor();
}

describe('search suggestions', () => {
  const session = useBrowser();

  it('suggests the intended place first for each case of issue 11', async () => {
    const { page, problems } = await openPage(session.browser());
    await visit(page, session.baseUrl, '/');
    for (const [q, code] of CASES) {
      await typeQuery(page, q);
      const first = await page
        .getByRole('listbox')
        .getByRole('option')
        .first()
        .getAttribute('data-code');
      expect(first, q).toMatch(code);
    }
    await screenshot(page, 'search-suggestions');
    expectNoProblems(problems, 'search suggestions');
    await page.context().close();
  });

  it('is an ARIA combobox: arrows choose, Enter opens, Escape closes', async () => {
    const { page, problems } = await openPage(session.browser());
    await visit(page, session.baseUrl, '/?lang=en');
    const box = page.locator('input[role="combobox"]');
    await typeQuery(page, 'blitar');
    await expect(box.getAttribute('aria-expanded')).resolves.toBe('true');
    const listId = await box.getAttribute('aria-controls');
    expect(await page.getByRole('listbox').getAttribute('id')).toBe(listId);

    // Down then Up wraps to the last option; Down again comes back to the first.
    await page.keyboard.press('ArrowDown');
    const options = page.getByRole('listbox').getByRole('option');
    expect(await options.count()).toBeGreaterThan(1);
    const firstId = await options.first().getAttribute('id');
    await expect(box.getAttribute('aria-activedescendant')).resolves.toBe(firstId);
    await expect(options.first().getAttribute('aria-selected')).resolves.toBe('true');
    await page.keyboard.press('ArrowUp');
    const lastId = await options.last().getAttribute('id');
    await expect(box.getAttribute('aria-activedescendant')).resolves.toBe(lastId);
    await page.keyboard.press('ArrowDown');
    await expect(box.getAttribute('aria-activedescendant')).resolves.toBe(firstId);

    // Escape closes the list; typing on opens it again.
    await page.keyboard.press('Escape');
    await expect(box.getAttribute('aria-expanded')).resolves.toBe('false');
    await expect(page.getByRole('listbox').isHidden()).resolves.toBe(true);

    // The chosen suggestion opens with Enter, keeping the language.
    await typeQuery(page, 'Plosorejo Blitar');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/desa\/35\.05\.04\.2014\?lang=en$/);
    await settled(page);
    await expect(box.inputValue()).resolves.toBe('');
    expectNoProblems(problems, 'search combobox');
    await page.context().close();
  });

  it('works without JavaScript as a GET form to /cari', async () => {
    const context = await session.browser().newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const response = await page.goto(`${session.baseUrl}/`);
    expect(response?.status()).toBe(200);
    await page.locator('#site-search-q').fill('kab blitar');
    await page.locator('#site-search-q').press('Enter');
    await page.waitForURL(/\/cari\?q=kab\+blitar/);
    const first = page.locator('ol.results > li a').first();
    await expect(first.getAttribute('href')).resolves.toMatch(/^\/wilayah\/35\.05(\?|$)/);
    await context.close();
  });
});
