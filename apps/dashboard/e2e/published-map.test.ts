import { describe, expect, it } from 'vitest';
import { screenshot } from './browser.js';
import { expectNoProblems, openPage, settled, useBrowser, visit } from './session.js';

// The nation's map switches between the (synthetic) village data and BPS's published IP-TIK 2024.
// The database holds provinces 33 and 35 only, but the published figures of all 34 provinces of
// 2021 are seeded, so every tile has a figure; the four provinces split off in 2022 show their
// parent's. Jawa Timur's published IP-TIK 2024 is 6.07 (packages/db/data/published-figures/iptik.csv).
describe('published IP-TIK on the nation map', () => {
  const session = useBrowser();
  const MAP = '[data-chart="province-map"]';

  it('switches to IP-TIK with the keyboard, puts it in the URL, and back restores the village data', async () => {
    const { page, problems } = await openPage(session.browser());
    await visit(page, session.baseUrl, '/');
    const tile = (code: string) =>
      page.locator(`${MAP} svg g[data-code="${code}"] > title`).textContent();
    const village = page.locator(`${MAP} input[name="map"][value="village"]`);
    const iptik = page.locator(`${MAP} input[name="map"][value="iptik"]`);

    await expect(village.isChecked()).resolves.toBe(true);
    const villageJatim = await tile('35');
    // The village data: the value and n, the villages behind it.
    expect(villageJatim).toMatch(/^Jawa Timur \(35\): \d,\d+ · n = [\d.]+ desa$/);
    expect(villageJatim).not.toBe('Jawa Timur (35): 6,07');

    // A radio group: focus it, an arrow key moves to the other source.
    await village.focus();
    await page.keyboard.press('ArrowDown');
    await page.waitForURL(/[?&]map=iptik/);
    await settled(page);
    await expect(iptik.isChecked()).resolves.toBe(true);
    // Focus stays on the switch, with a visible ring (app.css :focus-visible).
    await expect(
      page.evaluate(() => {
        const active = document.activeElement;
        return active instanceof HTMLInputElement
          ? [active.value, getComputedStyle(active).outlineStyle]
          : null;
      }),
    ).resolves.toEqual(['iptik', 'solid']);

    await expect(tile('35')).resolves.toBe('Jawa Timur (35): 6,07');
    // Papua Barat Daya (96) was split off Papua Barat (92) in 2022: it shows 92's figure, 5.61.
    await expect(tile('96')).resolves.toMatch(/^.+: 5,61 \(angka .+ sebelum pemekaran 2022\)$/);
    await expect(tile('92')).resolves.toMatch(/^.+: 5,61$/);
    await expect(page.locator(`${MAP} svg .legend`).textContent()).resolves.toContain(
      'IP-TIK 2024, skala 0-10 (BPS, dipublikasikan)',
    );
    await expect(page.locator(`${MAP} figcaption`).textContent()).resolves.toContain(
      'BPS IP-TIK 2024',
    );
    await expect(page.locator(`${MAP} svg desc`).textContent()).resolves.toMatch(
      /Sumber: BPS IP-TIK 2024.*\(dipublikasikan\)\..*sebelum pemekaran 2022/,
    );
    // The data table: the published value, its column labelled as published, the split noted.
    await page.locator(`${MAP} details summary`).click();
    await expect(page.locator(`${MAP} table thead`).textContent()).resolves.toContain(
      'IP-TIK 2024, skala 0-10 (BPS, dipublikasikan)',
    );
    const jatimRow = page.locator(`${MAP} table tbody tr`, { hasText: 'Jawa Timur' });
    await expect(jatimRow.locator('td').first().textContent()).resolves.toBe('6,07');
    await expect(
      page.locator(`${MAP} table tbody tr`).filter({ hasText: 'sebelum pemekaran 2022' }).count(),
    ).resolves.toBe(4);
    await screenshot(page, 'national-iptik');

    await page.goBack();
    await page.waitForURL((url) => !url.search.includes('map='));
    await settled(page);
    await expect(village.isChecked()).resolves.toBe(true);
    await expect(tile('35')).resolves.toBe(villageJatim);
    await expect(page.locator(`${MAP} svg .legend`).textContent()).resolves.not.toContain('IP-TIK');
    expectNoProblems(problems, 'published map');
    await page.context().close();
  });

  it('renders a copied link on the server, in either language, and keeps the switch in the filter form', async () => {
    const id = await (await fetch(`${session.baseUrl}/?map=iptik&year=2023`)).text();
    expect(id).toContain('<title>Jawa Timur (35): 6,07</title>');
    expect(id).toMatch(/<input type="radio" name="map" value="iptik" checked/);
    // The filter bar's GET form (no JavaScript) keeps the map's source, and the switch's form the year.
    expect(id).toMatch(/<input type="hidden" name="map" value="iptik"/);
    expect(id).toMatch(/<input type="hidden" name="year" value="2023"/);

    const en = await (await fetch(`${session.baseUrl}/?map=iptik&lang=en`)).text();
    expect(en).toContain('<title>Jawa Timur (35): 6.07</title>');
    expect(en).toContain('IP-TIK 2024, 0-10 scale (BPS, published)');
    expect(en).toMatch(/: 3\.56 \(figure of .+ before the 2022 split\)<\/title>/);
  });

  it('fits 360 px without sideways scrolling, switch and legend included', async () => {
    const { page, problems } = await openPage(session.browser(), { width: 360, height: 740 });
    await visit(page, session.baseUrl, '/?map=iptik');
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow, `/?map=iptik overflows by ${overflow} px`).toBeLessThanOrEqual(0);
    await expect(page.locator(`${MAP} fieldset`).isVisible()).resolves.toBe(true);
    await screenshot(page, 'national-iptik-360');
    expectNoProblems(problems, '/?map=iptik at 360 px');
    await page.context().close();
  });
});
