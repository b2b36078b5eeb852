import { describe, expect, it } from 'vitest';
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
    const box = page.getByRole('searchbox');
    await box.focus();
    await page.keyboard.type('Plosorejo');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/cari\?q=Plosorejo/);
    await settled(page);

    const villages = page.locator('[data-result-level="village"]');
    await expect(villages.count()).resolves.toBe(11);
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
