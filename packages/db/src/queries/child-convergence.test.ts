import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidRegionCodeError, betaConvergence, type IndexMeasure } from '@pandu/domain';
import { UnknownRegionError } from '../errors.js';
import { seededTestDatabase, type SeededTestDatabase } from '../testing/seeded-test-database.js';
import {
  childConvergence,
  childGrowth,
  fitChildren,
  type ChildConvergenceInput,
  type ChildEnds,
} from './child-convergence.js';
import { indexByRegion } from './index-by-region.js';
import { QueryInputError } from './query-input-error.js';
import type { KindFilter } from '@pandu/domain';

function ends(code: string, initial: number | null, final: number | null): ChildEnds {
  return { code, name: `R${code}`, level: 'district', initial, final };
}

describe('childGrowth', () => {
  it('pairs first and last years and annualises log growth', () => {
    const { children, excluded } = childGrowth(
      [ends('a', 3, 3.3), ends('b', 3.5, 3.6)],
      2020,
      2025,
    );
    expect(excluded).toBe(0);
    expect(children.map((c) => c.code)).toEqual(['a', 'b']);
    expect(children[0]!.growth).toBeCloseTo(Math.log(3.3 / 3) / 5, 12);
  });

  it('counts children missing a year, or at 0, as excluded rather than dropping them silently', () => {
    const { children, excluded } = childGrowth(
      [ends('a', 3, 3.3), ends('b', null, 3.1), ends('c', 0, 2), ends('d', null, 4)],
      2020,
      2025,
    );
    expect(children.map((c) => c.code)).toEqual(['a']);
    expect(excluded).toBe(3);
  });

  it('gives nothing for one year of data', () => {
    expect(childGrowth([ends('a', 3, 3)], 2025, 2025)).toEqual({ children: [], excluded: 1 });
  });
});

describe('fitChildren', () => {
  it("is the domain's beta convergence over the children", () => {
    const { children } = childGrowth(
      [ends('a', 20, 36.4), ends('b', 40, 54.9), ends('c', 80, 82.8)],
      2020,
      2025,
    );
    expect(fitChildren(children, 2020, 2025)).toMatchObject(
      betaConvergence([20, 40, 80], [36.4, 54.9, 82.8], 5),
    );
    expect(fitChildren(children, 2020, 2025)!.slope).toBeLessThan(0);
  });

  it("gives the slope's standard error and p-value as the matrix form of OLS", () => {
    const initial = [20, 31, 40, 55, 80];
    const final = [36.4, 44, 54.9, 63, 82.8];
    const { children } = childGrowth(
      initial.map((v, i) => ends(String(i), v, final[i] as number)),
      2020,
      2025,
    );
    const fit = fitChildren(children, 2020, 2025)!;
    // (X'X)^-1 of [1, x]: its [1][1] entry is n / det; Var(b) = s^2 n / det.
    const xs = initial.map((v) => Math.log(v));
    const ys = children.map((c) => c.growth);
    const n = xs.length;
    const sx = xs.reduce((a, b) => a + b, 0);
    const sxx = xs.reduce((a, x) => a + x * x, 0);
    const sy = ys.reduce((a, b) => a + b, 0);
    const sxy = xs.reduce((a, x, i) => a + x * (ys[i] as number), 0);
    const det = n * sxx - sx * sx;
    const b = (n * sxy - sx * sy) / det;
    const a = (sxx * sy - sx * sxy) / det;
    const sse = xs.reduce((acc, x, i) => acc + ((ys[i] as number) - a - b * x) ** 2, 0);
    const se = Math.sqrt((sse / (n - 2)) * (n / det));
    expect(fit.slope).toBeCloseTo(b, 12);
    expect(fit.slopeSe).toBeCloseTo(se, 12);
    expect(fit.df).toBe(3);
    expect(fit.ciLow).toBeCloseTo(b - 3.182 * se, 12);
    expect(fit.pValue).toBeGreaterThan(0);
    expect(fit.pValue).toBeLessThan(1);
  });

  it('is null when undefined: one child, or every child starting at the same level', () => {
    const one = childGrowth([ends('a', 3, 3.3)], 2020, 2025).children;
    expect(fitChildren(one, 2020, 2025)).toBeNull();
    const equal = childGrowth([ends('a', 3, 3.3), ends('b', 3, 3.4)], 2020, 2025).children;
    expect(fitChildren(equal, 2020, 2025)).toBeNull();
  });
});

describe('childConvergence', () => {
  let t: SeededTestDatabase;
  let years: number[];
  beforeAll(async () => {
    t = await seededTestDatabase(['35']);
    const rows = await t.db.selectFrom('village_index').select('year').distinct().execute();
    years = rows.map((r) => r.year).sort((a, b) => a - b);
  }, 60_000);
  afterAll(() => t?.cleanup());

  /**
   * The same fit the independent way the dashboard used to compute it: the children's means from
   * indexByRegion in the first and the last year, paired by code, fitted by the domain.
   */
  async function viaIndexByRegion(input: ChildConvergenceInput) {
    const firstYear = years[0] as number;
    const lastYear = years.at(-1) as number;
    const query = (year: number) =>
      indexByRegion(t.db, { code: input.code, measure: input.measure, kind: input.kind, year });
    const [first, last] = await Promise.all([query(firstYear), query(lastYear)]);
    const final = new Map(last.map((r) => [r.code, r.value]));
    const paired = first.filter((r) => (r.value ?? 0) > 0 && (final.get(r.code) ?? 0) > 0);
    return {
      firstYear,
      lastYear,
      codes: paired.map((r) => r.code),
      excluded: first.length - paired.length,
      fit: betaConvergence(
        paired.map((r) => r.value as number),
        paired.map((r) => final.get(r.code) as number),
        lastYear - firstYear,
      ),
    };
  }

  it('fits the children that indexByRegion lists, with the domain betaConvergence', async () => {
    expect(years.length).toBeGreaterThan(1);
    const cases: Array<[string | undefined, IndexMeasure | undefined, KindFilter | undefined]> = [
      ['35', undefined, undefined],
      ['35', 'outcomes_index', 'desa'],
      ['35.05', 'digital_safety', undefined],
      ['35.05.04', 'skills_index', 'all'],
    ];
    for (const [code, measure, kind] of cases) {
      const c = await childConvergence(t.db, { code, measure, kind });
      const ref = await viaIndexByRegion({ code, measure, kind });
      expect(c.measure).toBe(measure ?? 'skills_index');
      expect([c.firstYear, c.lastYear]).toEqual([ref.firstYear, ref.lastYear]);
      expect(c.children.map((child) => child.code)).toEqual(ref.codes);
      expect(c.excluded).toBe(ref.excluded);
      expect(c.children.length).toBeGreaterThan(1);
      const fit = c.fit!;
      for (const key of ['slope', 'intercept', 'r2', 'speed', 'halfLifeYears'] as const) {
        expect(fit[key]).toBeCloseTo(ref.fit[key] as number, 10);
      }
      expect(fit.n).toBe(ref.fit.n);
      for (const child of c.children) {
        expect(child.growth).toBeCloseTo(
          Math.log(child.final / child.initial) / (ref.lastYear - ref.firstYear),
          12,
        );
      }
    }
  });

  it('counts provinces without villages as excluded, and lists no children under a village', async () => {
    const nation = await childConvergence(t.db, {});
    const provinces = await t.db
      .selectFrom('regions')
      .select('code')
      .where('level', '=', 'province')
      .execute();
    // Only Jawa Timur is seeded: one child with data, no fit.
    expect(nation.children.map((c) => c.code)).toEqual(['35']);
    expect(nation.excluded).toBe(provinces.length - 1);
    expect(nation.fit).toBeNull();
    const village = await childConvergence(t.db, { code: '35.05.04.2014' });
    expect(village).toMatchObject({ children: [], excluded: 0, fit: null });
  });

  it('throws for unknown and malformed regions, measures and kinds', async () => {
    await expect(childConvergence(t.db, { code: '35.99' })).rejects.toThrow(UnknownRegionError);
    await expect(childConvergence(t.db, { code: '35.5' })).rejects.toThrow(InvalidRegionCodeError);
    await expect(
      childConvergence(t.db, { code: '35', measure: 'year' as IndexMeasure }),
    ).rejects.toThrow(QueryInputError);
    await expect(
      childConvergence(t.db, { code: '35', kind: 'kota' as KindFilter }),
    ).rejects.toThrow(QueryInputError);
  });
});
