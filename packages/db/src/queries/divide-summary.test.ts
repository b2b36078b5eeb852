import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  InvalidRegionCodeError,
  coefficientOfVariation,
  gini,
  maxMinGap,
  mean,
  palmaRatio,
  quintileGap,
  shareBelow,
  theil,
  theilDecomposition,
  type IndexMeasure,
} from '@pandu/domain';
import { NoDataError, UnknownRegionError } from '../errors.js';
import { seededTestDatabase, type SeededTestDatabase } from '../testing/seeded-test-database.js';
import { divideSummary, type DivideSummary } from './divide-summary.js';
import { QueryInputError } from './query-input-error.js';
import type { KindFilter } from '@pandu/domain';

type Row = {
  village_code: string;
  province_code: string;
  regency_code: string;
  district_code: string;
  kind: string;
  year: number;
  skills_index: number | null;
  digital_safety: number | null;
  access_index: number | null;
};

const close = (actual: number | null | undefined, expected: number | null) => {
  if (expected === null) expect(actual).toBeNull();
  else expect(actual).toBeCloseTo(expected, 10);
};

describe('divideSummary', () => {
  let t: SeededTestDatabase;
  let rows: Row[];
  beforeAll(async () => {
    t = await seededTestDatabase(['35']);
    rows = await t.db
      .selectFrom('village_index')
      .select([
        'village_code',
        'province_code',
        'regency_code',
        'district_code',
        'kind',
        'year',
        'skills_index',
        'digital_safety',
        'access_index',
      ])
      .execute();
  }, 60_000);
  afterAll(() => t?.cleanup());

  /**
   * Every figure of a summary recomputed with the domain package on the pulled rows: the villages
   * in scope (`keep`), their values of the measure, grouped by the child column for Theil.
   */
  function expectDomainFigures(
    d: DivideSummary,
    keep: (r: Row) => boolean,
    measure: keyof Row & IndexMeasure,
    child: keyof Row,
    threshold: number,
  ) {
    const scoped = rows.filter((r) => r.year === d.year && keep(r));
    const valued = scoped.filter((r) => r[measure] !== null);
    const values = valued.map((r) => r[measure] as number);
    expect(d.n).toBe(values.length);
    expect(d.missing).toBe(scoped.length - values.length);
    close(d.mean, mean(values));
    close(d.gini, gini(values));
    close(d.coefficientOfVariation, coefficientOfVariation(values));
    close(d.palmaRatio, palmaRatio(values));
    close(d.shareBelow, shareBelow(values, threshold));
    expect(d.threshold).toBe(threshold);
    for (const [actual, expected] of [
      [d.quintileGap, quintileGap(values)],
      [d.maxMinGap, maxMinGap(values)],
    ] as const) {
      close(actual.top, expected.top);
      close(actual.bottom, expected.bottom);
      close(actual.difference, expected.difference);
      close(actual.ratio, expected.ratio);
    }
    const groups: Record<string, number[]> = {};
    for (const r of valued) (groups[r[child] as string] ??= []).push(r[measure] as number);
    const decomposition = theilDecomposition(groups);
    close(d.theil.total, theil(values));
    close(d.theil.total, decomposition.total);
    close(d.theil.between, decomposition.between);
    close(d.theil.within, decomposition.within);
    expect(d.theil.groups).toBe(Object.keys(groups).length);
    // The identity the decomposition promises, on the SQL figures themselves.
    expect(d.theil.between + d.theil.within).toBeCloseTo(d.theil.total, 12);
    const kelurahan = valued.filter((r) => r.kind === 'kelurahan').map((r) => r[measure] as number);
    const desa = valued.filter((r) => r.kind !== 'kelurahan').map((r) => r[measure] as number);
    close(d.urbanRuralGap.kelurahan, kelurahan.length > 0 ? mean(kelurahan) : null);
    close(d.urbanRuralGap.desa, desa.length > 0 ? mean(desa) : null);
    if (d.childMaxMinGap) {
      const childMeans = Object.values(groups).map((g) => mean(g));
      close(d.childMaxMinGap.top, Math.max(...childMeans));
      close(d.childMaxMinGap.bottom, Math.min(...childMeans));
    }
  }

  it('never gives a negative Theil part: the nation of a one-province dataset has between 0', async () => {
    // Every year and measure: with one child region, m_g/m is 1 up to rounding, and ln of it was
    // -2.2e-16 for some of them, which the divide page's stacked bar refused (a 500).
    for (const year of [2020, 2021, 2022, 2023, 2024, 2025]) {
      for (const measure of ['skills_index', 'access_index', 'digital_safety'] as const) {
        const d = await divideSummary(t.db, { year, measure });
        expect(d.theil.groups, `${year} ${measure}`).toBe(1);
        expect(d.theil.between, `${year} ${measure}`).toBeGreaterThanOrEqual(0);
        expect(d.theil.within, `${year} ${measure}`).toBeGreaterThanOrEqual(0);
        expect(d.theil.between + d.theil.within).toBeCloseTo(d.theil.total, 12);
      }
    }
  });

  it('equals the domain functions on Kabupaten Blitar in 2024, Theil split by district', async () => {
    const d = await divideSummary(t.db, { code: '35.05', year: 2024 });
    expect(d).toMatchObject({
      code: '35.05',
      level: 'regency',
      year: 2024,
      measure: 'skills_index',
    });
    expect(d.theil.groups).toBe(22);
    expect(d.childMaxMinGap).not.toBeNull();
    expectDomainFigures(d, (r) => r.regency_code === '35.05', 'skills_index', 'district_code', 3);
  });

  it('equals the domain functions for a province, the nation, a district and a custom threshold', async () => {
    for (const [code, keep, child] of [
      ['35', () => true, 'regency_code'],
      [undefined, () => true, 'province_code'],
      ['35.05.04', (r: Row) => r.district_code === '35.05.04', 'village_code'],
    ] as const) {
      const d = await divideSummary(t.db, { code, year: 2021, threshold: 3.5 });
      expectDomainFigures(d, keep, 'skills_index', child, 3.5);
    }
    // Within a district each village is its own group: all of Theil is "between".
    const district = await divideSummary(t.db, { code: '35.05.04', year: 2021 });
    expect(district.theil.within).toBeCloseTo(0, 15);
    expect(district.childMaxMinGap).toBeNull();
  });

  it('follows the kind filter and a pillar or level measure', async () => {
    for (const [kind, keepKind] of [
      ['kelurahan', (r: Row) => r.kind === 'kelurahan'],
      ['desa', (r: Row) => r.kind !== 'kelurahan'],
      ['all', () => true],
    ] as const satisfies ReadonlyArray<readonly [KindFilter, (r: Row) => boolean]>) {
      const d = await divideSummary(t.db, {
        code: '35',
        year: 2023,
        measure: 'digital_safety',
        kind,
      });
      expectDomainFigures(d, keepKind, 'digital_safety', 'regency_code', 3);
    }
    const access = await divideSummary(t.db, {
      code: '35.05',
      year: 2025,
      measure: 'access_index',
    });
    expectDomainFigures(
      access,
      (r) => r.regency_code === '35.05',
      'access_index',
      'district_code',
      50,
    );
    const kelurahan = await divideSummary(t.db, { code: '35', year: 2023, kind: 'kelurahan' });
    expect(kelurahan.urbanRuralGap.desa).toBeNull();
    expect(kelurahan.urbanRuralGap.difference).toBeNull();
  });

  it('puts kelurahan above desa, as the dataset is calibrated', async () => {
    const d = await divideSummary(t.db, { code: '35', year: 2024 });
    expect(d.urbanRuralGap.difference).toBeGreaterThan(0);
  });

  it('throws UnknownRegionError, InvalidRegionCodeError, NoDataError and QueryInputError', async () => {
    const unknown = await divideSummary(t.db, { code: '35.99', year: 2024 }).catch((e) => e);
    expect(unknown).toBeInstanceOf(UnknownRegionError);
    expect(unknown.message).toBe('unknown region code: 35.99');
    await expect(divideSummary(t.db, { code: '35.5', year: 2024 })).rejects.toThrow(
      InvalidRegionCodeError,
    );
    await expect(divideSummary(t.db, { code: '35', year: 2019 })).rejects.toThrow(
      new NoDataError('no skills_index values in 2019 for 35'),
    );
    await expect(
      divideSummary(t.db, { code: '35', year: 2024, kind: 'desa_adat' }),
    ).rejects.toThrow(NoDataError);
    await expect(divideSummary(t.db, { year: 2024, threshold: Number.NaN })).rejects.toThrow(
      QueryInputError,
    );
    await expect(divideSummary(t.db, { year: 2024, measure: 'name' as never })).rejects.toThrow(
      QueryInputError,
    );
  });
});
