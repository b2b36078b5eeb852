import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { panduBin } from '../scripts/pandu-api.js';
import { screenshot } from './browser.js';
import { expectNoProblems, hydrated, openPage, settled, useBrowser, visit } from './session.js';

// Issue 12, "people as well as villages": the per desa / per penduduk switch lives in the URL
// (?bobot=penduduk), works from the keyboard, survives a reload, and the national mean becomes
// the people-weighted one: sum(regency population x regency mean over villages) / sum(population),
// recomputed here from a CSV export of the served database.
const YEAR = 2024;

/** Rows of a CSV whose fields hold no commas or quotes (codes and numbers). */
function readCsv(path: string): Array<Record<string, string>> {
  const [header, ...lines] = readFileSync(path, 'utf8').trim().split('\n');
  const names = (header ?? '').split(',').map((n) => n.replace(/"/g, ''));
  return lines.map((line) => {
    const cells = line.split(',').map((c) => c.replace(/"/g, ''));
    return Object.fromEntries(names.map((n, i) => [n, cells[i] ?? '']));
  });
}

describe('per desa / per penduduk', () => {
  const session = useBrowser();
  let dir: string;
  let peopleMean: number;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pandu-people-'));
    const db = join(dir, 'copy.duckdb');
    copyFileSync(inject('dbPath'), db);
    const out = join(dir, 'csv');
    const run = spawnSync(
      process.execPath,
      [
        panduBin(),
        'export',
        '--format',
        'csv',
        '--db',
        db,
        '--out',
        out,
        '--from',
        String(YEAR),
        '--to',
        String(YEAR),
      ],
      { encoding: 'utf8', env: { ...process.env, CI: '1' } },
    );
    expect(run.status, run.stderr).toBe(0);
    const population = new Map(
      readCsv(join(out, 'region_population.csv')).map((r) => [r.code, Number(r.total)]),
    );
    const byRegency = new Map<string, { sum: number; n: number }>();
    for (const r of readCsv(join(out, 'village_index.csv'))) {
      if (Number(r.year) !== YEAR || r.skills_index === '' || r.skills_index === undefined)
        continue;
      const acc = byRegency.get(r.regency_code ?? '') ?? { sum: 0, n: 0 };
      acc.sum += Number(r.skills_index);
      acc.n += 1;
      byRegency.set(r.regency_code ?? '', acc);
    }
    let weighted = 0;
    let people = 0;
    for (const [code, { sum, n }] of byRegency) {
      const p = population.get(code) ?? 0;
      weighted += (p * sum) / n;
      people += p;
    }
    expect(byRegency.size).toBeGreaterThan(40);
    peopleMean = weighted / people;
  }, 120_000);
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('switches from the keyboard, keeps it in the URL and on reload, and shows the people-weighted mean', async () => {
    const { page, problems } = await openPage(session.browser());
    await visit(page, session.baseUrl, `/?year=${YEAR}`);
    const headline = async () => (await page.locator('[data-figure="mean"]').textContent()) ?? '';
    const asNumber = (text: string) => Number(text.trim().replace(/\./g, '').replace(',', '.'));
    const perVillage = await headline();
    await expect(page.locator('input[data-weight="village"]').isChecked()).resolves.toBe(true);
    expect(await page.locator('[data-weight-note]').count()).toBe(0);

    // A native radio group: focus the checked one, an arrow key checks the other.
    await page.locator('input[data-weight="village"]').focus();
    await page.keyboard.press('ArrowRight');
    await page.waitForURL(/bobot=penduduk/);
    await settled(page);
    expect(new URL(page.url()).searchParams.get('year')).toBe(String(YEAR));
    const perPerson = await headline();
    expect(perPerson).not.toBe(perVillage);
    expect(Math.abs(asNumber(perPerson) - peopleMean)).toBeLessThanOrEqual(0.005 + 1e-9);
    await expect(page.locator('input[data-weight="people"]').isChecked()).resolves.toBe(true);
    await expect(page.locator('[data-weight-note]').getAttribute('data-weight-note')).resolves.toBe(
      'people',
    );
    await expect(page.locator('[data-figure="people-below"]').count()).resolves.toBe(1);

    await page.reload({ waitUntil: 'load' });
    await hydrated(page);
    await expect(headline()).resolves.toBe(perPerson);
    await expect(page.locator('input[data-weight="people"]').isChecked()).resolves.toBe(true);
    await screenshot(page, 'people-weighted-national');

    // Back to per village: the default leaves the URL.
    await page.locator('input[data-weight="village"]').check();
    await page.waitForURL((url) => !url.search.includes('bobot='));
    await settled(page);
    await expect(headline()).resolves.toBe(perVillage);
    expectNoProblems(problems, 'people weighting');
    await page.context().close();
  });

  it('in English; within a regency it says weighting changes nothing, and shows the density', async () => {
    const { page, problems } = await openPage(session.browser());
    await visit(page, session.baseUrl, `/wilayah/35.05?year=${YEAR}&bobot=penduduk&lang=en`);
    await expect(page.getByLabel('Per person').isChecked()).resolves.toBe(true);
    await expect(page.locator('[data-weight-note]').textContent()).resolves.toMatch(
      /Within one regency/,
    );
    await expect(page.locator('[data-region-fact="density"]').textContent()).resolves.toBe(
      'Density 723 people/km²',
    );
    // A province lists its regencies with their density (Kabupaten Blitar: 723 people/km2).
    await visit(page, session.baseUrl, '/wilayah/35?lang=en');
    await expect(page.locator('[data-density="35.05"]').textContent()).resolves.toBe('723');
    expectNoProblems(problems, 'people weighting within a regency');
    await page.context().close();
  });

  it('works without JavaScript: the switch is part of the GET form', async () => {
    const html = await (await fetch(`${session.baseUrl}/wilayah/35?bobot=penduduk`)).text();
    expect(html).toMatch(/<input[^>]*value="penduduk"[^>]*checked/);
    expect(html).toContain('Angka dibobot penduduk');
  });
});
