import { describe, expect, it } from 'vitest';
import { screenshot } from './browser.js';
import { expectNoProblems, openPage, settled, useBrowser, visit } from './session.js';

const num = (text: string | null) =>
  Number((text ?? '').trim().replace('+', '').replace('−', '-').replace(',', '.'));

// "How did Blitar's districts change from 2021 to 2024?": the region page compares two years.
describe('two periods on a region page (?banding=)', () => {
  const session = useBrowser();

  it("compares Blitar's districts 2021 -> 2024: values and changes shown, in the URL, restored by reload", async () => {
    const { page, problems } = await openPage(session.browser());
    // The districts' 2021 and 2024 values as the page shows each year on its own.
    const valuesOf = async (year: number) => {
      await visit(page, session.baseUrl, `/wilayah/35.05?year=${year}&urut=name`);
      const rows = page.locator('.children-table tbody tr');
      const out = new Map<string, number>();
      for (let i = 0; i < (await rows.count()); i++) {
        const row = rows.nth(i);
        out.set(
          (await row.locator('th a').textContent())!.trim(),
          num(await row.locator('td').first().textContent()),
        );
      }
      return out;
    };
    const in2021 = await valuesOf(2021);
    const in2024 = await valuesOf(2024);
    expect(in2024.size).toBeGreaterThan(10);

    await page.selectOption('select[name="banding"]', '2021');
    await page.waitForURL(/banding=2021/);
    await settled(page);
    expect(page.url()).toContain('year=2024');
    const check = async () => {
      await expect(page.locator('[data-period]').getAttribute('data-period')).resolves.toBe(
        '2021-2024',
      );
      const rows = page.locator('.period-table tbody tr');
      await expect(rows.count()).resolves.toBe(in2024.size);
      for (let i = 0; i < (await rows.count()); i++) {
        const cells = rows.nth(i).locator('td');
        const name = (await rows.nth(i).locator('th a').textContent())!.trim();
        const from = num(await cells.nth(0).textContent());
        const to = num(await cells.nth(1).textContent());
        const change = num(await cells.nth(2).textContent());
        expect(from, name).toBe(in2021.get(name));
        expect(to, name).toBe(in2024.get(name));
        // The change is of the unrounded values: within one rounding step of the shown ones.
        expect(Math.abs(change - (to - from)), name).toBeLessThanOrEqual(0.011);
      }
      // The headline and divide figures of both years, and the dumbbells.
      await expect(page.locator('[data-period-figure]').count()).resolves.toBe(5);
      await expect(page.locator('[data-chart="children-period"] svg g.row').count()).resolves.toBe(
        in2024.size,
      );
      await expect(page.locator('[data-period-against]').textContent()).resolves.toMatch(
        /kecamatan/,
      );
    };
    await check();
    await page.reload();
    await settled(page);
    await check();
    await screenshot(page, 'wilayah-35.05-banding-2021');
    expectNoProblems(problems, 'periods');
    await page.context().close();
  });

  it('compares the provinces on the nation page too: 2021 -> 2024, as the ranking shows each year', async () => {
    const { page, problems } = await openPage(session.browser());
    const valuesOf = async (year: number) => {
      await visit(page, session.baseUrl, `/?year=${year}`);
      const labels = await page
        .locator('[data-chart="ranking"] a.bar-link')
        .evaluateAll((links) => links.map((a) => a.getAttribute('aria-label') ?? ''));
      // "Jawa Timur: 3,71 · n = 8.494 desa"
      return new Map(
        labels
          .map((l) => /^(.+?): ([\d,]+)/.exec(l))
          .filter((m): m is RegExpExecArray => m !== null)
          .map((m) => [m[1]!, num(m[2]!)]),
      );
    };
    const in2021 = await valuesOf(2021);
    const in2024 = await valuesOf(2024);
    expect(in2024.size).toBe(2);

    await page.selectOption('select[name="banding"]', '2021');
    await page.waitForURL(/banding=2021/);
    await settled(page);
    await expect(page.locator('[data-period]').getAttribute('data-period')).resolves.toBe(
      '2021-2024',
    );
    // The ranking of one year gives way to the from/to view.
    await expect(page.locator('[data-chart="ranking"]').count()).resolves.toBe(0);
    const rows = page.locator('.period-table tbody tr');
    await expect(rows.count()).resolves.toBe(2);
    for (let i = 0; i < 2; i++) {
      const name = (await rows.nth(i).locator('th a').textContent())!.trim();
      const cells = rows.nth(i).locator('td');
      expect(num(await cells.nth(0).textContent()), name).toBe(in2021.get(name));
      expect(num(await cells.nth(1).textContent()), name).toBe(in2024.get(name));
    }
    await expect(page.locator('[data-period-figure]').count()).resolves.toBe(5);
    await page.reload();
    await settled(page);
    await expect(rows.count()).resolves.toBe(2);
    expectNoProblems(problems, 'periods-nation');
    await page.context().close();
  });
});
