import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  betaConvergence,
  coefficientOfVariation,
  gini,
  lorenzCurve,
  palmaRatio,
  shareBelow,
  sigmaConvergence,
  theilDecomposition,
} from '@pandu/domain';
import { apiTestContext } from '../testing/api-test-context.js';

/** Every number rounded to 12 significant digits, for comparing two computations of one figure. */
function roundFigures(value: unknown): unknown {
  if (typeof value === 'number') return Number(value.toPrecision(12));
  if (Array.isArray(value)) return value.map(roundFigures);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, roundFigures(v)]));
  }
  return value;
}

describe('divide router', () => {
  let t: Awaited<ReturnType<typeof apiTestContext>>;
  beforeAll(async () => {
    t = await apiTestContext();
  });
  afterAll(() => t?.cleanup());

  /** The villages of Kabupaten Blitar, pulled plainly, for the domain functions. */
  async function blitar(year: number, column: string) {
    const rows = await sql<{ district_code: string; v: number }>`
      select district_code, ${sql.ref(column)} as v from village_index
      where regency_code = '35.05' and year = ${year} and ${sql.ref(column)} is not null`.execute(
      t.db,
    );
    return rows.rows;
  }

  it('summary equals the domain metrics on the same villages, for a pillar and a threshold', async () => {
    const summary = await t.caller.divide.summary({
      code: '35.05',
      year: 2024,
      pillar: 'digital_safety',
      threshold: 3.2,
    });
    const rows = await blitar(2024, 'digital_safety');
    const values = rows.map((r) => r.v);
    expect(summary.n).toBe(values.length);
    expect(summary.gini).toBeCloseTo(gini(values), 12);
    expect(summary.coefficientOfVariation).toBeCloseTo(coefficientOfVariation(values), 12);
    expect(summary.palmaRatio ?? Number.NaN).toBeCloseTo(palmaRatio(values) ?? Number.NaN, 12);
    expect(summary.shareBelow).toBeCloseTo(shareBelow(values, 3.2), 12);
    const byDistrict = new Map<string, number[]>();
    for (const r of rows)
      byDistrict.set(r.district_code, [...(byDistrict.get(r.district_code) ?? []), r.v]);
    const theil = theilDecomposition([...byDistrict.values()].map((v) => ({ values: v })));
    expect(summary.theil.between).toBeCloseTo(theil.between, 12);
    expect(summary.theil.within).toBeCloseTo(theil.within, 12);
    expect(summary.theil.groups).toBe(22);
  });

  it('convergence and lorenz follow the domain functions', async () => {
    const conv = await t.caller.divide.convergence({ code: '35.05' });
    const series = await Promise.all(
      conv.sigma.years.map(async (y) => ({
        year: y.year,
        values: (await blitar(y.year, 'skills_index')).map((r) => r.v),
      })),
    );
    const expected = sigmaConvergence(series);
    // Converging now also needs significance and enough villages: never against the direction.
    expect(conv.sigma.verdict).toBe('converging');
    expect(conv.sigma.converging).toBe(expected.converging);
    expect(conv.sigma.trend.cvSlopePerYear).toBeCloseTo(expected.trend.cvSlopePerYear, 10);
    expect(conv.sigma.cv.pValue).toBeLessThan(0.05);
    expect(conv.beta.absolute?.halfLifeYears).toBeGreaterThan(conv.beta.halfLifeYears ?? Infinity);

    const curve = await t.caller.divide.lorenz({ code: '35.05', year: 2021 });
    const values = (await blitar(2021, 'skills_index')).map((r) => r.v);
    expect(curve.points.length).toBeLessThanOrEqual(101);
    const domain = lorenzCurve(values, 101);
    expect(curve.points.at(-1)).toEqual(domain.at(-1));
    expect(curve.gini).toBeCloseTo(gini(values), 12);
  });

  it('convergence of a district of six villages says too few villages, with its p-value', async () => {
    // Regression (issue 12): 35.10.17 was called converging with p = 0.92 and 6 villages.
    const conv = await t.caller.divide.convergence({ code: '35.10.17' });
    expect(conv.sigma.villages).toBe(6);
    expect(conv.sigma.verdict).toBe('too-few-villages');
    expect(conv.sigma.converging).toBe(false);
    expect(conv.sigma.cv.pValue).toBeGreaterThan(0.5);
    expect(conv.beta.verdict).toBe('too-few-villages');
  });

  it('childConvergence fits the children of indexByRegion with the domain betaConvergence', async () => {
    const c = await t.caller.divide.childConvergence({
      code: '35.05',
      pillar: 'digital_safety',
      kind: 'desa',
    });
    expect(c.measure).toBe('digital_safety');
    const byRegion = (year: number) =>
      t.caller.index.byRegion({ parent: '35.05', year, pillar: 'digital_safety', kind: 'desa' });
    const [first, last] = await Promise.all([
      byRegion(c.firstYear as number),
      byRegion(c.lastYear as number),
    ]);
    const final = new Map(last.map((r) => [r.code, r.value]));
    const paired = first.filter((r) => (r.value ?? 0) > 0 && (final.get(r.code) ?? 0) > 0);
    expect(c.children.map((child) => child.code)).toEqual(paired.map((r) => r.code));
    expect(c.excluded).toBe(first.length - paired.length);
    const fit = betaConvergence(
      paired.map((r) => r.value as number),
      paired.map((r) => final.get(r.code) as number),
      (c.lastYear as number) - (c.firstYear as number),
    );
    expect(c.fit?.slope).toBeCloseTo(fit.slope, 10);
    expect(c.fit?.intercept).toBeCloseTo(fit.intercept, 10);
    expect(c.fit?.n).toBe(fit.n);
    await expect(t.caller.divide.childConvergence({ code: '35.99' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'unknown region code: 35.99',
    });
    await expect(
      t.caller.divide.childConvergence({ pillar: 'happiness' as 'skills_index' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('pillar') });
  });

  it('distribution counts every village of the scope once, in round bins', async () => {
    const d = await t.caller.divide.distribution({
      code: '35.05',
      year: 2024,
      pillar: 'digital_ethics',
      bins: 12,
    });
    const values = (await blitar(2024, 'digital_ethics')).map((r) => r.v);
    expect(d.n).toBe(values.length);
    expect(d.bins.reduce((sum, b) => sum + b.count, 0)).toBe(values.length);
    const lows = d.bins.map((b) => values.filter((v) => v < b.x0).length);
    // Each bin starts where the villages below it end.
    expect(lows).toEqual(d.bins.map((_, i) => d.bins.slice(0, i).reduce((s, b) => s + b.count, 0)));
    await expect(t.caller.divide.distribution({ year: 2024, bins: 500 })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('bins'),
    });
  });

  it('childrenInRange counts the villages of selected bins per child, the field of a bad range named', async () => {
    const d = await t.caller.divide.distribution({ code: '35.05', year: 2024 });
    const [a, b] = [d.bins[0]!, d.bins[3]!];
    const r = await t.caller.divide.childrenInRange({
      code: '35.05',
      year: 2024,
      from: a.x0,
      to: b.x1,
    });
    expect(r.inRange).toBe(d.bins.slice(0, 4).reduce((s, x) => s + x.count, 0));
    expect(r.villages).toBe(d.n);
    expect(r.children.length).toBeGreaterThan(1);
    await expect(
      t.caller.divide.childrenInRange({ code: '35.05', year: 2024, from: 3, to: 2 }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('to') });
  });

  it('rejects bad input naming the field, and an unknown region naming the code', async () => {
    await expect(t.caller.divide.summary({ year: 1990 })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('year'),
    });
    await expect(
      t.caller.divide.summary({ year: 2024, pillar: 'happiness' as 'skills_index' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('pillar') });
    await expect(t.caller.divide.summary({ code: '35.99', year: 2024 })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'unknown region code: 35.99',
    });
    await expect(t.caller.divide.summary({ code: '35', year: 2031 })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('2031'),
    });
  });

  it('answers the old input names (pillar, parent) as the new ones (measure, code)', async () => {
    const byMeasure = await t.caller.divide.summary({
      code: '35.05',
      year: 2024,
      measure: 'digital_safety',
    });
    const byPillar = await t.caller.divide.summary({
      code: '35.05',
      year: 2024,
      pillar: 'digital_safety',
    });
    expect(byMeasure.measure).toBe('digital_safety');
    // The same figures; DuckDB's parallel sums may differ in the last bits from run to run.
    expect(roundFigures(byPillar)).toEqual(roundFigures(byMeasure));
    const byCode = await t.caller.index.byRegion({ code: '35.05', year: 2024 });
    expect(byCode.map((r) => r.code).every((c) => c.startsWith('35.05.'))).toBe(true);
    expect(roundFigures(await t.caller.index.byRegion({ parent: '35.05', year: 2024 }))).toEqual(
      roundFigures(byCode),
    );
    await expect(
      t.caller.divide.summary({ year: 2024, measure: 'access_index', pillar: 'digital_safety' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('pillar') });
  });
});
