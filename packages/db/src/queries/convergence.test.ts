import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  InvalidRegionCodeError,
  betaConvergence,
  linearTrend,
  shareBelow,
  sigmaConvergence,
  yearReaching,
} from '@pandu/domain';
import { NoDataError, UnknownRegionError } from '../errors.js';
import { seededTestDatabase, type SeededTestDatabase } from '../testing/seeded-test-database.js';
import { convergence, type Convergence } from './convergence.js';
import { QueryInputError } from './query-input-error.js';

type Row = {
  village_code: string;
  regency_code: string;
  kind: string;
  year: number;
  skills_index: number | null;
  outcomes_index: number | null;
};
type Measure = 'skills_index' | 'outcomes_index';

describe('convergence', () => {
  let t: SeededTestDatabase;
  let rows: Row[];
  beforeAll(async () => {
    t = await seededTestDatabase(['35']);
    rows = await t.db
      .selectFrom('village_index')
      .select(['village_code', 'regency_code', 'kind', 'year', 'skills_index', 'outcomes_index'])
      .execute();
  }, 60_000);
  afterAll(() => t?.cleanup());

  /** Sigma, beta, shares below and the projected year, from the domain on the pulled rows. */
  function expectDomain(c: Convergence, keep: (r: Row) => boolean, m: Measure, threshold: number) {
    const scoped = rows.filter((r) => keep(r) && r[m] !== null);
    const years = [...new Set(scoped.map((r) => r.year))].sort();
    const byYear = years.map((year) => ({
      year,
      values: scoped.filter((r) => r.year === year).map((r) => r[m] as number),
    }));

    const sigma = sigmaConvergence(byYear);
    expect(c.sigma.years.map((y) => [y.year, y.n])).toEqual(sigma.years.map((y) => [y.year, y.n]));
    c.sigma.years.forEach((y, i) => {
      expect(y.mean).toBeCloseTo(sigma.years[i]?.mean ?? Number.NaN, 10);
      expect(y.cv).toBeCloseTo(sigma.years[i]?.cv ?? Number.NaN, 10);
      expect(y.gini).toBeCloseTo(sigma.years[i]?.gini ?? Number.NaN, 10);
    });
    expect(c.sigma.trend.cvSlopePerYear).toBeCloseTo(sigma.trend.cvSlopePerYear, 10);
    expect(c.sigma.trend.giniSlopePerYear).toBeCloseTo(sigma.trend.giniSlopePerYear, 10);
    expect(c.sigma.converging).toBe(sigma.converging);

    // Beta: the same villages, those with a value in the first and the last year.
    const first = years[0] as number;
    const last = years[years.length - 1] as number;
    const at = (year: number) =>
      new Map(scoped.filter((r) => r.year === year).map((r) => [r.village_code, r[m] as number]));
    const y0 = at(first);
    const y1 = at(last);
    const paired = [...y0.keys()].filter((v) => y1.has(v));
    // Log growth needs positive values: a 0 (possible on the 0-100 scales) is left out, and counted.
    const both = paired.filter((v) => (y0.get(v) as number) > 0 && (y1.get(v) as number) > 0);
    expect(c.beta.excluded).toBe(paired.length - both.length);
    const beta = betaConvergence(
      both.map((v) => y0.get(v) as number),
      both.map((v) => y1.get(v) as number),
      last - first,
    );
    expect(c.beta.n).toBe(beta.n);
    expect([c.beta.firstYear, c.beta.lastYear]).toEqual([first, last]);
    for (const key of ['slope', 'intercept', 'r2', 'speed', 'halfLifeYears'] as const) {
      const expected = beta[key];
      if (expected === null) expect(c.beta[key]).toBeNull();
      else expect(c.beta[key]).toBeCloseTo(expected, 9);
    }

    const shares = byYear.map(({ year, values }) => ({
      year,
      value: shareBelow(values, threshold),
    }));
    expect(c.threshold).toBe(threshold);
    c.shareBelow.forEach((s, i) => {
      expect(s.year).toBe(shares[i]?.year);
      expect(s.share).toBeCloseTo(shares[i]?.value ?? Number.NaN, 12);
    });
    const trend = linearTrend(
      shares.map((s) => s.year),
      shares.map((s) => s.value),
    );
    expect(c.shareBelowTrend?.slope).toBeCloseTo(trend.slope, 10);
    const reaches = trend.slope < 0 ? yearReaching(shares, 0) : null;
    if (reaches === null) expect(c.yearShareBelowReachesZero).toBeNull();
    else expect(c.yearShareBelowReachesZero).toBeCloseTo(reaches, 8);
  }

  it("equals sigmaConvergence, betaConvergence and yearReaching on Jawa Timur's villages", async () => {
    const c = await convergence(t.db, { code: '35' });
    expectDomain(c, () => true, 'skills_index', 3);
    // The seed plants a slowly narrowing divide: both sigma and beta find it.
    expect(c.sigma.converging).toBe(true);
    expect(c.beta.slope).toBeLessThan(0);
    expect(c.beta.halfLifeYears).toBeGreaterThan(5);
    expect(c.yearShareBelowReachesZero).not.toBeNull();
  });

  it('equals the domain for a regency, a kind, another measure and a threshold', async () => {
    const blitar = await convergence(t.db, { code: '35.05', threshold: 3.4 });
    expectDomain(blitar, (r) => r.regency_code === '35.05', 'skills_index', 3.4);
    const desa = await convergence(t.db, { code: '35', kind: 'desa', measure: 'outcomes_index' });
    expectDomain(desa, (r) => r.kind !== 'kelurahan', 'outcomes_index', 50);
    // Regression: villages with an outcomes index of 0 were dropped from beta without a word.
    expect(desa.beta.excluded).toBeGreaterThan(0);
  });

  it('projects no year when the share below the threshold does not fall', async () => {
    // Nobody is below 1 on the 1-5 scale: a flat zero share never "reaches" zero on a trend.
    const c = await convergence(t.db, { code: '35.05', threshold: 1 });
    expect(c.shareBelow.every((s) => s.share === 0)).toBe(true);
    expect(c.yearShareBelowReachesZero).toBeNull();
  });

  it('throws for unknown regions, malformed codes, no data and bad thresholds', async () => {
    await expect(convergence(t.db, { code: '36' })).rejects.toThrow(new UnknownRegionError('36'));
    await expect(convergence(t.db, { code: '35.05.4' })).rejects.toThrow(InvalidRegionCodeError);
    await expect(convergence(t.db, { code: '35', kind: 'desa_adat' })).rejects.toThrow(NoDataError);
    await expect(convergence(t.db, { threshold: Infinity })).rejects.toThrow(QueryInputError);
  });
});
