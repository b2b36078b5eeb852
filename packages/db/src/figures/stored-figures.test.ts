import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'kysely';
import type { IndexMeasure, KindFilter } from '@pandu/domain';
import { DuckDBConnection } from '../duckdb-dialect/duckdb-connection.js';
import { expectSame } from '../testing/expect-same.js';
import { seededTestDatabase, type SeededTestDatabase } from '../testing/seeded-test-database.js';
import { childConvergence } from '../queries/child-convergence.js';
import { convergence } from '../queries/convergence.js';
import { distribution } from '../queries/distribution.js';
import { divideSummary } from '../queries/divide-summary.js';
import { indexByRegion } from '../queries/index-by-region.js';
import { lorenz } from '../queries/lorenz.js';
import { timeseries } from '../queries/timeseries.js';
import { yearCoverage } from '../queries/year-coverage.js';
import { storedChildConvergence } from './stored-child-convergence.js';
import { storedConvergence } from './stored-convergence.js';
import { storedDivideSummary } from './stored-divide-summary.js';
import { storedIndexByRegion } from './stored-index-by-region.js';
import { storedDistribution, storedLorenz } from './stored-shapes.js';
import { storedTimeseries, storedYearCoverage } from './stored-timeseries.js';

// The stored figures are the on-demand queries' answers: for a sample of regions at every level
// (the nation, four provinces, three regencies, three districts), several years, measures and
// every kind filter, each stored read equals its on-demand query (floats to 1e-9 relative, counts,
// codes, names and order exactly), or is null exactly where the on-demand query finds no data.
// Provinces: Bangka Belitung (19) and DI Yogyakarta (34) with kelurahan and desa, DKI Jakarta (31)
// all kelurahan (its 'desa' filter has no village), Papua (91) with the only desa adat.

const KINDS: readonly KindFilter[] = ['all', 'kelurahan', 'desa', 'desa_adat'];
const MEASURES: readonly IndexMeasure[] = ['skills_index', 'access_index', 'digital_safety'];
const YEARS = [2020, 2023, 2025];

/** The on-demand answer, or null where it throws NoDataError. */
async function reference<T>(run: () => Promise<T>): Promise<T | null> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof Error && error.name === 'NoDataError') return null;
    throw error;
  }
}

describe('stored scope figures equal the on-demand queries', () => {
  let t: SeededTestDatabase;
  let scopes: Array<string | undefined>;
  beforeAll(async () => {
    t = await seededTestDatabase(['19', '31', '34', '91']);
    const pick = async (level: string, where = sql`true`) =>
      (
        await sql<{ code: string }>`select code from regions where level = ${level} and ${where}
          order by code`.execute(t.db)
      ).rows.map((r) => r.code);
    const regencies = await pick('regency');
    const withKelurahan = await pick(
      'district',
      sql`code in (select district_code from regions where kind = 'kelurahan')
        and code in (select district_code from regions where kind = 'desa')`,
    );
    const adat = await pick(
      'district',
      sql`code in (select district_code from regions where kind = 'desa_adat')`,
    );
    scopes = [
      undefined,
      '19',
      '31',
      '34',
      '91',
      regencies[0] as string,
      regencies[Math.floor(regencies.length / 2)] as string,
      regencies.at(-1) as string,
      withKelurahan[0] as string,
      withKelurahan.at(-1) as string,
      adat[0] as string,
    ];
  });
  afterAll(() => t?.cleanup());

  it('divide.summary, lorenz and distribution, every level, year, measure and kind', async () => {
    let compared = 0;
    for (const code of scopes) {
      for (const year of YEARS) {
        for (const measure of MEASURES) {
          for (const kind of KINDS) {
            const input = { code, year, measure, kind };
            const pairs: Array<[unknown, unknown]> = [
              [
                // A district without villages of the kind throws the on-demand query's NoDataError.
                await reference(() => storedDivideSummary(t.db, input)),
                await reference(() => divideSummary(t.db, input)),
              ],
              [await storedLorenz(t.db, input), await reference(() => lorenz(t.db, input))],
              [
                await storedDistribution(t.db, input),
                await reference(() => distribution(t.db, input)),
              ],
            ];
            for (const [stored, onDemand] of pairs) {
              if (onDemand === null) expect(stored, JSON.stringify(input)).toBeNull();
              else {
                expectSame(stored, onDemand, JSON.stringify(input));
                compared++;
              }
            }
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(500);
  });

  it('a district without villages of the kind: the same NoDataError, from the stored read itself', async () => {
    const district = (
      await sql<{ code: string }>`select d.code from regions d where d.level = 'district'
        and not exists (select 1 from regions v where v.district_code = d.code and v.kind = 'desa_adat')
        order by d.code limit 1`.execute(t.db)
    ).rows[0]!.code;
    const input = { code: district, year: 2024, kind: 'desa_adat' as const };
    const onDemand = await divideSummary(t.db, input).catch((e: unknown) => e as Error);
    expect(onDemand).toMatchObject({ name: 'NoDataError' });
    const spy = vi.spyOn(DuckDBConnection.prototype, 'executeQuery');
    try {
      await expect(storedDivideSummary(t.db, input)).rejects.toMatchObject({
        name: 'NoDataError',
        message: (onDemand as Error).message,
      });
      // One read of the district's villages (and the freshness check), not the on-demand scans.
      expect(spy.mock.calls.length).toBeLessThanOrEqual(2);
    } finally {
      spy.mockRestore();
    }
  });

  it('index.byRegion, every level (a district lists its villages)', async () => {
    for (const code of scopes) {
      for (const year of YEARS) {
        for (const kind of KINDS) {
          const input = { code, year, measure: 'access_index' as const, kind };
          const stored = await storedIndexByRegion(t.db, input);
          expectSame(stored, await indexByRegion(t.db, input), JSON.stringify(input));
        }
      }
    }
  });

  it('timeseries, year coverage, convergence and child convergence', async () => {
    let empty = 0;
    for (const code of scopes) {
      for (const measure of MEASURES) {
        for (const kind of KINDS) {
          const input = { code, measure, kind };
          const label = JSON.stringify(input);
          const series = await storedTimeseries(t.db, input);
          // No row is stored for a region without villages of the kind: the stored read answers
          // the empty series itself when the region is stored for every kind (null for a district,
          // and the on-demand query answers), as the on-demand query finds.
          if (series === null || series.length === 0) {
            expect(await timeseries(t.db, input), label).toEqual([]);
            if (series !== null) empty++;
            continue;
          }
          expectSame(series, await timeseries(t.db, input), label);
          expectSame(await storedYearCoverage(t.db, input), await yearCoverage(t.db, input), label);
          for (const includePartial of [false, true]) {
            const c = { ...input, includePartial };
            const stored = await storedConvergence(t.db, c);
            const onDemand = await reference(() => convergence(t.db, c));
            if (onDemand === null) expect(stored, label).toBeNull();
            else expectSame(stored, onDemand, label);
            expectSame(
              await storedChildConvergence(t.db, c),
              await childConvergence(t.db, c),
              label,
            );
          }
        }
      }
    }
    expect(empty, 'regions stored without a kind answer [] themselves').toBeGreaterThan(0);
  });

  it('answers null where nothing is precomputed, so the caller asks the on-demand query', async () => {
    const year = 2024;
    expect(await storedDivideSummary(t.db, { code: '34', year, threshold: 2.5 })).toBeNull();
    expect(await storedConvergence(t.db, { code: '34', threshold: 2.5 })).toBeNull();
    expect(await storedDistribution(t.db, { code: '34', year, bins: 10 })).toBeNull();
    expect(await storedDivideSummary(t.db, { code: '34.99', year })).toBeNull();
    expect(await storedDivideSummary(t.db, { code: 'not a code', year })).toBeNull();
    expect(await storedDivideSummary(t.db, { code: '34', year: 1999 })).toBeNull();
    expect(await storedIndexByRegion(t.db, { code: '34', year: 1999 })).toBeNull();
  });

  it('answers null when the figures are stale (their stamp is not the data version)', async () => {
    const input = { code: '34', year: 2024 };
    expect(await storedDivideSummary(t.db, input)).not.toBeNull();
    await sql`update dataset_meta set value = '0' where key = 'figures_data_version'`.execute(t.db);
    try {
      expect(await storedDivideSummary(t.db, input)).toBeNull();
      expect(await storedIndexByRegion(t.db, input)).toBeNull();
      expect(await storedTimeseries(t.db, { code: '34' })).toBeNull();
      expect(await storedLorenz(t.db, { year: 2024 })).toBeNull();
      expect(await storedConvergence(t.db, { code: '34' })).toBeNull();
      expect(await storedChildConvergence(t.db, { code: '34' })).toBeNull();
    } finally {
      await sql`update dataset_meta set value = (select value from dataset_meta where key = 'data_version')
        where key = 'figures_data_version'`.execute(t.db);
    }
    expect(await storedDivideSummary(t.db, input)).not.toBeNull();
  });
});
