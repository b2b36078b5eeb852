import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidRegionCodeError, gini, lorenzCurve, type LorenzPoint } from '@pandu/domain';
import { NoDataError, UnknownRegionError } from '../errors.js';
import { seededTestDatabase, type SeededTestDatabase } from '../testing/seeded-test-database.js';
import { lorenz } from './lorenz.js';
import { QueryInputError } from './query-input-error.js';

type Row = {
  village_code: string;
  regency_code: string;
  district_code: string;
  kind: string;
  year: number;
  skills_index: number | null;
  outcomes_index: number | null;
};

const expectSameCurve = (actual: LorenzPoint[], expected: LorenzPoint[]) => {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((p, i) => {
    expect(p.populationShare).toBeCloseTo(expected[i]?.populationShare ?? Number.NaN, 12);
    expect(p.valueShare).toBeCloseTo(expected[i]?.valueShare ?? Number.NaN, 10);
  });
};

describe('lorenz', () => {
  let t: SeededTestDatabase;
  let rows: Row[];
  beforeAll(async () => {
    t = await seededTestDatabase(['35']);
    rows = await t.db
      .selectFrom('village_index')
      .select([
        'village_code',
        'regency_code',
        'district_code',
        'kind',
        'year',
        'skills_index',
        'outcomes_index',
      ])
      .execute();
  }, 60_000);
  afterAll(() => t?.cleanup());

  const values = (keep: (r: Row) => boolean, pick: (r: Row) => number | null) =>
    rows
      .filter(keep)
      .map(pick)
      .filter((v): v is number => v !== null);

  it("equals the domain's lorenzCurve(values, 101) over Jawa Timur's 8,398 villages", async () => {
    const curve = await lorenz(t.db, { code: '35', year: 2024 });
    const v = values(
      (r) => r.year === 2024,
      (r) => r.skills_index,
    );
    expect(curve.n).toBe(v.length);
    expect(curve.points).toHaveLength(101);
    expectSameCurve(curve.points, lorenzCurve(v, 101));
    expect(curve.gini).toBeCloseTo(gini(v), 12);
    expect(curve.points[0]).toEqual({ populationShare: 0, valueShare: 0 });
    expect(curve.points[100]).toEqual({ populationShare: 1, valueShare: 1 });
  });

  it('returns every knot for a district of fewer than 101 villages, as the domain does', async () => {
    const curve = await lorenz(t.db, { code: '35.05.04', year: 2022 });
    const v = values(
      (r) => r.year === 2022 && r.district_code === '35.05.04',
      (r) => r.skills_index,
    );
    expect(curve.points).toHaveLength(v.length + 1);
    expectSameCurve(curve.points, lorenzCurve(v, 101));
    // With every knot, the Gini is 1 - sum of (p_i - p_i-1)(L_i + L_i-1): exactly twice the area
    // between the diagonal and the curve.
    let area = 0;
    for (let i = 1; i < curve.points.length; i++) {
      const a = curve.points[i - 1] as LorenzPoint;
      const b = curve.points[i] as LorenzPoint;
      area += (b.populationShare - a.populationShare) * (b.valueShare + a.valueShare);
    }
    expect(curve.gini).toBeCloseTo(1 - area, 12);
  });

  it('follows the kind filter and the measure, and stays below the diagonal, rising and convex', async () => {
    const curve = await lorenz(t.db, {
      code: '35.05',
      year: 2025,
      measure: 'outcomes_index',
      kind: 'desa',
    });
    const v = values(
      (r) => r.year === 2025 && r.regency_code === '35.05' && r.kind !== 'kelurahan',
      (r) => r.outcomes_index,
    );
    expectSameCurve(curve.points, lorenzCurve(v, 101));
    expect(curve.gini).toBeCloseTo(gini(v), 12);
    curve.points.forEach((p, i) => {
      expect(p.valueShare).toBeLessThanOrEqual(p.populationShare + 1e-12);
      if (i >= 2) {
        const a = curve.points[i - 2] as LorenzPoint;
        const b = curve.points[i - 1] as LorenzPoint;
        expect(b.valueShare).toBeGreaterThanOrEqual(a.valueShare);
        const slope1 = (b.valueShare - a.valueShare) / (b.populationShare - a.populationShare);
        const slope2 = (p.valueShare - b.valueShare) / (p.populationShare - b.populationShare);
        expect(slope2).toBeGreaterThanOrEqual(slope1 - 1e-9);
      }
    });
  });

  it('is the single knot pair of one village, and the nation is every village', async () => {
    const one = await lorenz(t.db, { code: '35.05.04.2014', year: 2024 });
    expect(one.points).toEqual([
      { populationShare: 0, valueShare: 0 },
      { populationShare: 1, valueShare: 1 },
    ]);
    expect(one.gini).toBe(0);
    const nation = await lorenz(t.db, { year: 2020 });
    expect(nation.level).toBe('nation');
    expect(nation.gini).toBeCloseTo(
      gini(
        values(
          (r) => r.year === 2020,
          (r) => r.skills_index,
        ),
      ),
      12,
    );
  });

  it('throws for unknown and malformed codes, a year without data and a bad year', async () => {
    await expect(lorenz(t.db, { code: '35.99', year: 2024 })).rejects.toThrow(UnknownRegionError);
    await expect(lorenz(t.db, { code: '35.', year: 2024 })).rejects.toThrow(InvalidRegionCodeError);
    await expect(lorenz(t.db, { code: '35', year: 2019 })).rejects.toThrow(
      new NoDataError('no skills_index values in 2019 for 35'),
    );
    await expect(lorenz(t.db, { year: 2024.5 })).rejects.toThrow(QueryInputError);
  });
});
