import { readFile } from 'node:fs/promises';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { expectNoProblems, openPage, settled, useBrowser, visit } from './session.js';

// The whole dataset of a scope, through the dashboard (which streams the API's /export): what an
// analyst gets by clicking a link on /data.
describe('the whole-dataset download on /data', () => {
  const session = useBrowser();

  it('downloads the Parquet zip of Kabupaten Blitar with its data dictionary, with no errors', async () => {
    const { page, problems } = await openPage(session.browser());
    await visit(page, session.baseUrl, '/data?region=35.05');
    const link = page.locator('a[data-format="parquet"]');
    expect(await link.getAttribute('href')).toBe('/data/ekspor/parquet?region=35.05');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('pandu-35.05-parquet.zip');
    expect(await download.failure()).toBeNull();
    const names = Object.keys(unzipSync(new Uint8Array(await readFile(await download.path()))));
    expect(names).toContain('pandu-35.05-parquet/DATA_DICTIONARY.md');
    expect(names).toContain('pandu-35.05-parquet/LICENSE-DATA.md');
    expect(names).toContain('pandu-35.05-parquet/METHODS.md');
    const partitions = names.filter((n) => n.startsWith('pandu-35.05-parquet/observations/'));
    expect(partitions.length).toBeGreaterThan(0);
    for (const name of partitions)
      expect(name).toMatch(/\/province=35\/year=\d{4}\/data_0\.parquet$/);
    expectNoProblems(problems, '/data?region=35.05 download');
    await page.context().close();
  });

  it('puts the chosen years into the download links', async () => {
    const { page, problems } = await openPage(session.browser());
    await visit(page, session.baseUrl, '/data?region=35.05');
    await page.locator('form.years select[name="from"]').selectOption('2023');
    await page.locator('form.years button[type="submit"]').click();
    await settled(page);
    await page.waitForURL(/from=2023/);
    expect(await page.locator('a[data-format="csv"]').getAttribute('href')).toBe(
      '/data/ekspor/csv?region=35.05&from=2023',
    );
    expectNoProblems(problems, '/data years form');
    await page.context().close();
  });
});
