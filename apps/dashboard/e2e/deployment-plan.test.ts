import { describe, expect, it } from 'vitest';
import { screenshot } from './browser.js';
import { expectNoProblems, hydrated, openPage, settled, useBrowser, visit } from './session.js';

// Issue 15: plan Kabupaten Blitar for 2026 with default inputs, change the travel rule, see the
// plan change, and reload the URL to get it back.
describe('the deployment plan', () => {
  const session = useBrowser();

  it('plans Blitar for 2026, changes with the travel rule, and the URL restores it', async () => {
    const { page, problems } = await openPage(session.browser());
    await visit(page, session.baseUrl, '/pendampingan/rencana?region=35.05');
    await expect(page.locator('h1').textContent()).resolves.toContain('Kabupaten Blitar');
    // Default inputs: the year after the data's last (2025), volunteers within their regency.
    await expect(page.locator('input[name="horizon"]').inputValue()).resolves.toBe('2026');
    await expect(page.locator('select[name="travel"]').inputValue()).resolves.toBe('regency');

    const rows = page.locator('[data-plan-assignments] tbody tr');
    /** The plan as the table shows it: place, sector and volunteers of every row. */
    const shown = () =>
      rows.evaluateAll((trs) =>
        trs.map(
          (tr) =>
            `${tr.getAttribute('data-code')} ${tr.getAttribute('data-sector')} ${tr.lastElementChild?.textContent ?? ''}`,
        ),
      );
    const regency = await shown();
    expect(regency.length).toBeGreaterThan(0);
    await expect(page.locator('[data-comparison="rule_based"]').count()).resolves.toBe(1);
    await expect(page.locator('[data-chart="plan-map"] svg').count()).resolves.toBe(1);
    const gain = () => page.locator('[data-figure="plan-gain"]').textContent();
    const regencyGain = await gain();

    // Volunteers of all Jawa Timur may now come: another plan.
    await page.selectOption('select[name="travel"]', 'province');
    await page.getByRole('button', { name: 'Susun rencana' }).click();
    await page.waitForURL(/travel=province/);
    await settled(page);
    const province = await shown();
    expect(province).not.toEqual(regency);
    expect(province.join('\n')).toContain('di provinsi asal: Jawa Timur');
    const provinceGain = await gain();
    await screenshot(page, 'rencana-35.05-province');

    // The URL holds the inputs: reloading it restores the same plan.
    await page.reload({ waitUntil: 'load' });
    await hydrated(page);
    await expect(page.locator('select[name="travel"]').inputValue()).resolves.toBe('province');
    await expect(shown()).resolves.toEqual(province);
    await expect(gain()).resolves.toBe(provinceGain);

    // Back to the regency rule through history.
    await page.goBack();
    await page.waitForURL((url) => !url.search.includes('travel=province'));
    await settled(page);
    await expect(shown()).resolves.toEqual(regency);
    await expect(gain()).resolves.toBe(regencyGain);
    expectNoProblems(problems, 'deployment plan');
    await page.context().close();
  });

  it('an equity rule no village can meet is explained in place of the plan', async () => {
    const { page, problems } = await openPage(session.browser());
    await visit(
      page,
      session.baseUrl,
      '/pendampingan/rencana?region=35.05&equity=below_threshold&share=30&lang=en',
    );
    const problem = page.locator('[data-plan-problem]');
    await expect(problem.textContent()).resolves.toMatch(
      /no plan: the equity rule asks for at least 30%/,
    );
    await expect(page.locator('[data-plan-assignments]').count()).resolves.toBe(0);
    expectNoProblems(problems, 'infeasible plan');
    await page.context().close();
  });

  it('downloads the plan as CSV and Parquet', async () => {
    const csv = await fetch(`${session.baseUrl}/pendampingan/rencana/unduh/csv?region=35.05`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toContain('rencana-35.05-2026.csv');
    const text = await csv.text();
    expect(text.split('\r\n')[0]).toMatch(/^code,name,level,kind,/);
    const parquet = await fetch(
      `${session.baseUrl}/pendampingan/rencana/unduh/parquet?region=35.05`,
    );
    expect(parquet.status).toBe(200);
    const bytes = new Uint8Array(await parquet.arrayBuffer());
    // A Parquet file starts and ends with PAR1.
    expect(new TextDecoder().decode(bytes.slice(0, 4))).toBe('PAR1');
    expect(new TextDecoder().decode(bytes.slice(-4))).toBe('PAR1');
  });
});
