import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coefficientOfVariation, gini, mean, quantile, theil } from '@pandu/domain';
import { seededTestDatabase, type SeededTestDatabase } from '../testing/seeded-test-database.js';
import { createExportScope } from './export-scope.js';
import { exportSelect } from './export-tables.js';
import { REGION_FIGURES_TABLE } from './region-figures.js';

interface FigureRow {
  region_code: string | null;
  level: string;
  year: number;
  measure: string;
  kind: string;
  villages: number;
  n: number;
  missing: number;
  mean: number;
  p10: number;
  p50: number;
  p90: number;
  gini: number;
  theil: number;
  cv: number;
  people_weighted_mean: number | null;
}

const close = (actual: number | null | undefined, expected: number, what: string) =>
  expect(
    Math.abs((actual ?? Number.NaN) - expected),
    `${what}: ${actual} vs ${expected}`,
  ).toBeLessThan(1e-12);

describe('region_figures (the export table)', () => {
  let t: SeededTestDatabase;
  let national: FigureRow[];
  beforeAll(async () => {
    t = await seededTestDatabase(['35']);
    national = await figures(null);
  });
  afterAll(() => t?.cleanup());

  async function figures(code: string | null): Promise<FigureRow[]> {
    const region = code === null ? null : { code, name: code, level: 'regency' as const };
    const select = exportSelect(REGION_FIGURES_TABLE, 'csv', createExportScope(region, {}));
    const rows = await sql<FigureRow>`${sql.raw(select)}`.execute(t.db);
    return rows.rows;
  }

  // The villages' values and the villages of a region, read plainly, for figures computed in the
  // test by the domain's own functions.
  async function villageValues(prefix: string, year: number, measure: string, kind: string) {
    const kindWhere =
      kind === 'all' ? 'true' : kind === 'desa' ? "kind <> 'kelurahan'" : `kind = '${kind}'`;
    const values = await sql<{ v: number }>`
      select ${sql.ref(measure)} as v from village_index
      where village_code like ${`${prefix}%`} and year = ${year} and ${sql.raw(kindWhere)}
        and ${sql.ref(measure)} is not null`.execute(t.db);
    const villages = await sql<{ n: number }>`
      select count(*)::integer as n from regions
      where level = 'village' and code like ${`${prefix}%`} and ${sql.raw(kindWhere)}`.execute(
      t.db,
    );
    return { values: values.rows.map((r) => r.v), villages: villages.rows[0]!.n };
  }

  it('equals the domain functions over the villages, at every level, year, measure and kind sampled', async () => {
    const cases: Array<[string | null, string]> = [
      [null, 'nation'],
      ['35', 'province'],
      ['35.05', 'regency'],
      ['35.05.04', 'district'],
      ['35.73', 'regency'],
    ];
    let checked = 0;
    for (const [code, level] of cases) {
      for (const year of [2021, 2024]) {
        for (const measure of ['skills_index', 'access_index', 'digital_safety']) {
          for (const kind of ['all', 'desa', 'kelurahan']) {
            const row = national.find(
              (r) =>
                r.region_code === code &&
                r.year === year &&
                r.measure === measure &&
                r.kind === kind,
            );
            // The fixture's nation is Jawa Timur: its villages are the nation's.
            const { values, villages } = await villageValues(
              code === null ? '' : `${code}.`,
              year,
              measure,
              kind,
            );
            if (values.length === 0) {
              expect(row, `${code} ${kind}`).toBeUndefined();
              continue;
            }
            const what = `${code} ${year} ${measure} ${kind}`;
            expect(row?.level, what).toBe(level);
            expect(row?.n, what).toBe(values.length);
            expect(row?.villages, what).toBe(villages);
            expect(row?.missing, what).toBe(villages - values.length);
            close(row?.mean, mean(values), `${what} mean`);
            close(row?.p10, quantile(values, 0.1), `${what} p10`);
            close(row?.p50, quantile(values, 0.5), `${what} p50`);
            close(row?.p90, quantile(values, 0.9), `${what} p90`);
            close(row?.gini, gini(values), `${what} gini`);
            close(row?.theil, theil(values), `${what} theil`);
            close(row?.cv, coefficientOfVariation(values), `${what} cv`);
            checked += 1;
          }
        }
      }
    }
    // Kota Malang (35.73) has only kelurahan; every other sampled case had villages.
    expect(checked).toBeGreaterThanOrEqual(50);
  });

  it('weights people as sum(regency population x regency mean) / sum(population), and equals the mean within a regency', async () => {
    const population = await sql<{ code: string; total: number }>`
      select code, total::double as total from region_population where level = 'regency'`.execute(
      t.db,
    );
    for (const year of [2020, 2025]) {
      let weighted = 0;
      let people = 0;
      for (const { code, total } of population.rows.filter((r) => r.code.startsWith('35.'))) {
        const { values } = await villageValues(`${code}.`, year, 'skills_index', 'all');
        if (values.length === 0) continue;
        weighted += total * mean(values);
        people += total;
      }
      for (const code of [null, '35']) {
        const row = national.find(
          (r) =>
            r.region_code === code &&
            r.year === year &&
            r.measure === 'skills_index' &&
            r.kind === 'all',
        );
        close(row?.people_weighted_mean ?? null, weighted / people, `${code} ${year}`);
        // The weighting moves the figure: Jawa Timur's cities are larger and score higher.
        expect(Math.abs((row?.people_weighted_mean ?? 0) - (row?.mean ?? 0))).toBeGreaterThan(1e-3);
      }
    }
    for (const row of national.filter((r) => r.level === 'regency' || r.level === 'district')) {
      expect(row.people_weighted_mean).toBe(row.mean);
    }
  });

  it('a regional export holds its region and the regions under it, and nothing above', async () => {
    const blitar = await figures('35.05');
    const codes = new Set(blitar.map((r) => r.region_code));
    const districts = await sql<{ code: string }>`
      select code from regions where level = 'district' and parent_code = '35.05'`.execute(t.db);
    expect([...codes].sort()).toEqual(['35.05', ...districts.rows.map((r) => r.code)].sort());
    // The same figures as the national export's rows of those regions (to rounding: DuckDB's
    // parallel sums may add in another order).
    const fromNational = national.filter((r) => codes.has(r.region_code));
    expect(blitar.length).toBe(fromNational.length);
    blitar.forEach((row, i) => {
      const other = fromNational[i]!;
      const key = (r: FigureRow) => [r.region_code, r.year, r.measure, r.kind, r.n, r.missing];
      expect(key(row)).toEqual(key(other));
      for (const field of ['mean', 'p10', 'p50', 'p90', 'gini', 'theil', 'cv'] as const) {
        close(row[field], other[field], `${row.region_code} ${field}`);
      }
    });
  });
});
