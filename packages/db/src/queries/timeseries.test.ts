import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidRegionCodeError, mean, quantile } from '@pandu/domain';
import { UnknownRegionError } from '../errors.js';
import { seededTestDatabase, type SeededTestDatabase } from '../testing/seeded-test-database.js';
import { QueryInputError } from './query-input-error.js';
import { timeseries } from './timeseries.js';

type Row = {
  village_code: string;
  regency_code: string;
  kind: string;
  year: number;
  skills_index: number | null;
  digital_culture: number | null;
  outcomes_index: number | null;
};

describe('timeseries', () => {
  let t: SeededTestDatabase;
  let rows: Row[];
  beforeAll(async () => {
    t = await seededTestDatabase(['35']);
    rows = await t.db
      .selectFrom('village_index')
      .select([
        'village_code',
        'regency_code',
        'kind',
        'year',
        'skills_index',
        'digital_culture',
        'outcomes_index',
      ])
      .execute();
  }, 60_000);
  afterAll(() => t?.cleanup());

  /** The expected series from the pulled rows, through the domain's mean and quantile. */
  const expected = (keep: (r: Row) => boolean, pick: (r: Row) => number | null) =>
    [2020, 2021, 2022, 2023, 2024, 2025].map((year) => {
      const values = rows
        .filter((r) => r.year === year && keep(r))
        .map(pick)
        .filter((v): v is number => v !== null);
      return {
        year,
        n: values.length,
        mean: mean(values),
        p10: quantile(values, 0.1),
        p50: quantile(values, 0.5),
        p90: quantile(values, 0.9),
      };
    });

  const expectSeries = (
    actual: Awaited<ReturnType<typeof timeseries>>,
    wanted: ReturnType<typeof expected>,
  ) => {
    expect(actual.map((p) => [p.year, p.n])).toEqual(wanted.map((p) => [p.year, p.n]));
    actual.forEach((p, i) => {
      const w = wanted[i];
      for (const key of ['mean', 'p10', 'p50', 'p90'] as const) {
        expect(p[key]).toBeCloseTo(w?.[key] ?? Number.NaN, 10);
      }
    });
  };

  it('gives Kabupaten Blitar the mean and quantiles of its villages, year by year', async () => {
    expectSeries(
      await timeseries(t.db, { code: '35.05' }),
      expected(
        (r) => r.regency_code === '35.05',
        (r) => r.skills_index,
      ),
    );
  });

  it('follows the measure and kind filters, and the nation is every village', async () => {
    expectSeries(
      await timeseries(t.db, { code: '35', measure: 'digital_culture', kind: 'kelurahan' }),
      expected(
        (r) => r.kind === 'kelurahan',
        (r) => r.digital_culture,
      ),
    );
    expectSeries(
      await timeseries(t.db, { measure: 'outcomes_index', kind: 'desa' }),
      expected(
        (r) => r.kind !== 'kelurahan',
        (r) => r.outcomes_index,
      ),
    );
  });

  it('gives a village its own value as every quantile', async () => {
    const series = await timeseries(t.db, { code: '35.05.04.2014' });
    for (const p of series) {
      const own = rows.find((r) => r.village_code === '35.05.04.2014' && r.year === p.year);
      expect(p.n).toBe(1);
      expect([p.mean, p.p10, p.p50, p.p90]).toEqual(Array(4).fill(own?.skills_index));
    }
  });

  it('is empty where no village has a value, and throws for bad input', async () => {
    expect(await timeseries(t.db, { code: '35', kind: 'desa_adat' })).toEqual([]);
    await expect(timeseries(t.db, { code: '35.99' })).rejects.toThrow(UnknownRegionError);
    await expect(timeseries(t.db, { code: '35-05' })).rejects.toThrow(InvalidRegionCodeError);
    await expect(timeseries(t.db, { kind: 'urban' as never })).rejects.toThrow(QueryInputError);
  });
});
