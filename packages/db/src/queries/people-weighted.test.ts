import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import {
  mean,
  weightedGini,
  weightedMean,
  weightedQuantile,
  weightedTheil,
  williamson,
} from '@pandu/domain';
import { storedDivideSummary } from '../figures/stored-divide-summary.js';
import { storedIndexByRegion } from '../figures/stored-index-by-region.js';
import { storedTimeseries } from '../figures/stored-timeseries.js';
import { seededTestDatabase, type SeededTestDatabase } from '../testing/seeded-test-database.js';
import { divideSummary } from './divide-summary.js';
import { indexByRegion } from './index-by-region.js';
import { lorenz } from './lorenz.js';
import { timeseries } from './timeseries.js';

// People-weighting (issue 12): every figure recomputed here from the villages' rows and the
// population table, in plain JS, with weights built independently of the SQL.

interface Row {
  village_code: string;
  province_code: string;
  regency_code: string;
  kind: string;
  year: number;
  y: number | null;
}

const YEAR = 2024;
const close = (actual: number | null | undefined, expected: number) =>
  expect(actual).toBeCloseTo(expected, 10);

/**
 * The same answer: same keys and values, numbers within 1e-12. Not toEqual: DuckDB's parallel
 * sums may add in another order on a second run of one query (the last bit of a Theil part).
 */
function expectSame(actual: unknown, expected: unknown, path = '$'): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    expect(Math.abs(actual - expected), path).toBeLessThanOrEqual(
      1e-12 * Math.max(1, Math.abs(expected)),
    );
    return;
  }
  if (expected !== null && typeof expected === 'object') {
    expect(actual !== null && typeof actual === 'object', path).toBe(true);
    const a = actual as Record<string, unknown>;
    const e = expected as Record<string, unknown>;
    expect(Object.keys(a).sort(), path).toEqual(Object.keys(e).sort());
    for (const key of Object.keys(e)) expectSame(a[key], e[key], `${path}.${key}`);
    return;
  }
  expect(actual, path).toEqual(expected);
}

describe('people-weighted figures', () => {
  let t: SeededTestDatabase;
  let rows: Row[];
  let population: Map<string, number>;
  beforeAll(async () => {
    t = await seededTestDatabase(['34', '75']);
    rows = (
      await sql<Row>`select village_code, province_code, regency_code, kind, year::integer as year,
        skills_index as y from village_index order by village_code, year`.execute(t.db)
    ).rows;
    population = new Map(
      (
        await sql<{ code: string; total: number }>`
          select code, total::double as total from region_population where level = 'regency'`.execute(
          t.db,
        )
      ).rows.map((r) => [r.code, r.total]),
    );
  }, 60_000);
  afterAll(() => t?.cleanup());

  const valued = (keep: (r: Row) => boolean, year = YEAR) =>
    rows.filter((r): r is Row & { y: number } => r.year === year && r.y !== null && keep(r));

  /** Each village's weight: its regency's population over the regency's villages kept. */
  const weightsOf = (villages: ReadonlyArray<Row>) => {
    const count = new Map<string, number>();
    for (const v of villages) count.set(v.regency_code, (count.get(v.regency_code) ?? 0) + 1);
    return villages.map(
      (v) => (population.get(v.regency_code) ?? 0) / (count.get(v.regency_code) ?? 1),
    );
  };

  /** sum(regency population x regency mean over villages) / sum(population), the formula. */
  const regencyFormula = (villages: ReadonlyArray<Row & { y: number }>) => {
    const byRegency = new Map<string, number[]>();
    for (const v of villages) {
      const list = byRegency.get(v.regency_code) ?? [];
      list.push(v.y);
      byRegency.set(v.regency_code, list);
    }
    let people = 0;
    let weighted = 0;
    for (const [code, ys] of byRegency) {
      const p = population.get(code) ?? 0;
      people += p;
      weighted += p * mean(ys);
    }
    return weighted / people;
  };

  it('the national and province means equal sum(P_r m_r) / sum(P_r)', async () => {
    for (const code of [undefined, '34', '75']) {
      const keep = (r: Row) => code === undefined || r.province_code === code;
      const d = await divideSummary(t.db, { code, year: YEAR, weight: 'people' });
      const expected = regencyFormula(valued(keep));
      close(d.mean, expected);
      expect(d.weight).toBe('people');
      expect(d.weightEffective).toBe(true);
      // ... and differs from the village mean: the weighting does something.
      const villageMean = (await divideSummary(t.db, { code, year: YEAR })).mean;
      expect(Math.abs(d.mean - villageMean)).toBeGreaterThan(1e-6);
    }
    const provinces = await indexByRegion(t.db, { year: YEAR, weight: 'people' });
    for (const code of ['34', '75']) {
      const row = provinces.find((p) => p.code === code);
      close(row?.value, regencyFormula(valued((r) => r.province_code === code)));
      expect(row?.weightEffective).toBe(true);
      const before = regencyFormula(valued((r) => r.province_code === code, YEAR - 1));
      close(row?.change, regencyFormula(valued((r) => r.province_code === code)) - before);
    }
  });

  it('Gini, Williamson, Theil, share below and the urban-rural means equal the domain functions', async () => {
    for (const code of [undefined, '34']) {
      const villages = valued((r) => code === undefined || r.province_code === code);
      const values = villages.map((v) => v.y);
      const weights = weightsOf(villages);
      const d = await divideSummary(t.db, { code, year: YEAR, weight: 'people', threshold: 3.5 });
      close(d.gini, weightedGini(values, weights));
      close(d.coefficientOfVariation, williamson(values, weights));
      close(d.theil.total, weightedTheil(values, weights));
      expect(d.theil.between + d.theil.within).toBeCloseTo(d.theil.total, 12);
      const below = weights.reduce((s, w, i) => s + ((values[i] ?? 0) < 3.5 ? w : 0), 0);
      close(d.shareBelow, below / weights.reduce((a, b) => a + b, 0));
      const kel = villages.flatMap((v, i) => (v.kind === 'kelurahan' ? [i] : []));
      close(
        d.urbanRuralGap.kelurahan,
        weightedMean(
          kel.map((i) => values[i] ?? 0),
          kel.map((i) => weights[i] ?? 0),
        ),
      );
      const curve = await lorenz(t.db, { code, year: YEAR, weight: 'people' });
      close(curve.gini, weightedGini(values, weights));
      // Palma and the quintile gap read off the (separately computed) weighted Lorenz curve.
      const at = (p: number) =>
        curve.points.find((q) => Math.abs(q.populationShare - p) < 1e-9)?.valueShare ?? NaN;
      close(d.palmaRatio, (1 - at(0.9)) / at(0.4));
      close(d.quintileGap.top, ((1 - at(0.8)) * d.mean) / 0.2);
      close(d.quintileGap.bottom, (at(0.2) * d.mean) / 0.2);
    }
  });

  it('the weighted Lorenz curve is the one of values repeated by weight', async () => {
    const villages = valued((r) => r.province_code === '75');
    const values = villages.map((v) => v.y);
    const weights = weightsOf(villages);
    const curve = await lorenz(t.db, { code: '75', year: YEAR, weight: 'people' });
    expect(curve.points).toHaveLength(101);
    // Independent reading: walk the sorted villages and interpolate inside the one holding p W.
    const pairs = values.map((y, i) => ({ y, w: weights[i] ?? 0 })).sort((a, b) => a.y - b.y);
    const W = weights.reduce((a, b) => a + b, 0);
    const V = pairs.reduce((s, p) => s + p.w * p.y, 0);
    for (const k of [0, 7, 25, 50, 93]) {
      let left = (k / 100) * W;
      let held = 0;
      for (const { y, w } of pairs) {
        const take = Math.min(w, left);
        held += take * y;
        left -= take;
        if (left <= 0) break;
      }
      close(curve.points[k]?.valueShare, held / V);
    }
  });

  it('timeseries: weighted mean and quantiles per year, villages still counted', async () => {
    const series = await timeseries(t.db, { code: '34', weight: 'people' });
    const village = await timeseries(t.db, { code: '34' });
    expect(series.map((p) => p.year)).toEqual(village.map((p) => p.year));
    for (const point of series) {
      const villages = valued((r) => r.province_code === '34', point.year);
      const values = villages.map((v) => v.y);
      const weights = weightsOf(villages);
      expect(point.n).toBe(values.length);
      close(point.mean, weightedMean(values, weights));
      expect(point.p10).toBe(weightedQuantile(values, weights, 0.1));
      expect(point.p50).toBe(weightedQuantile(values, weights, 0.5));
      expect(point.p90).toBe(weightedQuantile(values, weights, 0.9));
      expect(point.weightEffective).toBe(true);
    }
  });

  it('within one regency people-weighting is village-weighting, and says so', async () => {
    const regency = rows.find((r) => r.province_code === '34')?.regency_code as string;
    const district = rows.find((r) => r.regency_code === regency)?.village_code.slice(0, 8);
    for (const code of [regency, district]) {
      const people = await divideSummary(t.db, { code, year: YEAR, weight: 'people' });
      const village = await divideSummary(t.db, { code, year: YEAR });
      expectSame(people, { ...village, weight: 'people', weightEffective: false });
      const curve = await lorenz(t.db, { code, year: YEAR, weight: 'people' });
      expectSame(curve, {
        ...(await lorenz(t.db, { code, year: YEAR })),
        weight: 'people',
        weightEffective: false,
      });
      const series = await timeseries(t.db, { code, weight: 'people' });
      expectSame(
        series,
        (await timeseries(t.db, { code })).map((p) => ({
          ...p,
          weight: 'people',
          weightEffective: false,
        })),
      );
    }
    // A province's children are regencies: the same means either way.
    const children = await indexByRegion(t.db, { code: '34', year: YEAR, weight: 'people' });
    expectSame(
      children,
      (await indexByRegion(t.db, { code: '34', year: YEAR })).map((r) => ({
        ...r,
        weight: 'people',
        weightEffective: false,
      })),
    );
  });

  it('people in regencies below the threshold: on divide.summary for the nation and provinces', async () => {
    const threshold = 3.6;
    for (const code of [undefined, '34']) {
      const villages = valued((r) => code === undefined || r.province_code === code);
      const byRegency = new Map<string, number[]>();
      for (const v of villages)
        byRegency.set(v.regency_code, [...(byRegency.get(v.regency_code) ?? []), v.y]);
      let people = 0;
      let total = 0;
      let regencies = 0;
      for (const [r, ys] of byRegency) {
        const p = population.get(r) ?? 0;
        total += p;
        if (mean(ys) < threshold) {
          people += p;
          regencies++;
        }
      }
      for (const weight of ['village', 'people'] as const) {
        const d = await divideSummary(t.db, { code, year: YEAR, threshold, weight });
        expect(d.peopleBelow).toEqual({
          people,
          share: people / total,
          regencies,
          totalRegencies: byRegency.size,
          totalPeople: total,
        });
      }
    }
    const regency = rows.find((r) => r.province_code === '34')?.regency_code;
    expect((await divideSummary(t.db, { code: regency, year: YEAR })).peopleBelow).toBeNull();
  });

  it('the stored reads leave people-weighting to the on-demand queries', async () => {
    expect(
      await storedDivideSummary(t.db, { code: '34', year: YEAR, weight: 'people' }),
    ).toBeNull();
    expect(await storedIndexByRegion(t.db, { year: YEAR, weight: 'people' })).toBeNull();
    expect(await storedTimeseries(t.db, { code: '34', weight: 'people' })).toBeNull();
    // The village answers do not carry the echo.
    const d = await divideSummary(t.db, { code: '34', year: YEAR });
    expect(d).not.toHaveProperty('weight');
  });
});
