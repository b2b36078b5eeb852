import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidRegionCodeError } from '@pandu/domain';
import { NoDataError, UnknownRegionError } from '../errors.js';
import { seededTestDatabase, type SeededTestDatabase } from '../testing/seeded-test-database.js';
import { distribution } from './distribution.js';
import { QueryInputError } from './query-input-error.js';

describe('distribution', () => {
  let t: SeededTestDatabase;
  let rows: { regency_code: string; kind: string; year: number; v: number | null }[];
  beforeAll(async () => {
    t = await seededTestDatabase(['35']);
    rows = (
      await t.db
        .selectFrom('village_index')
        .select(['regency_code', 'kind', 'year', 'skills_index as v'])
        .execute()
    ).map((r) => ({ ...r, v: r.v }));
  });
  afterAll(() => t?.cleanup());

  /** The histogram counted in JavaScript over the same values and edges. */
  const oracle = (values: number[], edges: number[]) => {
    const counts = edges.slice(1).map(() => 0);
    for (const v of values) {
      let i = edges.findIndex((e, k) => k > 0 && v < e) - 1;
      if (i < 0) i = counts.length - 1; // the highest value, on the last edge
      counts[i] = (counts[i] ?? 0) + 1;
    }
    return counts;
  };

  it.each([
    { code: undefined, kind: 'all' as const, bins: undefined },
    { code: '35.05', kind: 'all' as const, bins: 10 },
    { code: '35.05', kind: 'desa' as const, bins: 40 },
    { code: '35.78', kind: 'kelurahan' as const, bins: 7 },
  ])('counts every village once, in round bins ($code, $kind, $bins bins)', async (c) => {
    const d = await distribution(t.db, { code: c.code, year: 2024, kind: c.kind, bins: c.bins });
    const values = rows
      .filter(
        (r) =>
          r.year === 2024 &&
          r.v !== null &&
          (c.code === undefined || r.regency_code === c.code) &&
          (c.kind === 'all' || (c.kind === 'kelurahan') === (r.kind === 'kelurahan')),
      )
      .map((r) => r.v as number);
    expect(d.n).toBe(values.length);
    expect(d.min).toBe(Math.min(...values));
    expect(d.max).toBe(Math.max(...values));
    expect(d.mean).toBeCloseTo(values.reduce((a, b) => a + b, 0) / values.length, 10);
    const edges = [d.bins[0]!.x0, ...d.bins.map((b) => b.x1)];
    expect(d.bins.map((b) => b.count)).toEqual(oracle(values, edges));
    expect(edges[0]).toBeLessThanOrEqual(d.min);
    expect(edges.at(-1)).toBeGreaterThanOrEqual(d.max);
    // Round, equal steps, about as many as asked for.
    const step = Number((d.bins[0]!.x1 - d.bins[0]!.x0).toPrecision(10));
    // Edges are round numbers themselves (at most 6 decimals here), not 2.6137.
    for (const e of edges) expect(Number(e.toFixed(6))).toBe(e);
    for (const b of d.bins) expect(b.x1 - b.x0).toBeCloseTo(step, 9);
    expect(String(step)).toMatch(/^(0\.0*)?[125](0*)?$/);
    expect(d.bins.length).toBeLessThanOrEqual(2 * (c.bins ?? 20) + 1);
    expect(d.bins.length).toBeGreaterThanOrEqual(Math.floor((c.bins ?? 20) / 3));
  });

  it('puts one village, or equal values, in one bin around the value', async () => {
    const code = await t.db
      .selectFrom('village_index')
      .select('village_code')
      .where('year', '=', 2024)
      .where('skills_index', 'is not', null)
      .limit(1)
      .executeTakeFirstOrThrow();
    const d = await distribution(t.db, { code: code.village_code, year: 2024 });
    expect(d.n).toBe(1);
    expect(d.bins).toHaveLength(1);
    expect(d.bins[0]!.count).toBe(1);
    expect(d.bins[0]!.x0).toBeLessThanOrEqual(d.min);
    expect(d.bins[0]!.x1).toBeGreaterThan(d.max);
  });

  it('names bad input and missing data', async () => {
    await expect(distribution(t.db, { code: '35.5', year: 2024 })).rejects.toThrow(
      InvalidRegionCodeError,
    );
    await expect(distribution(t.db, { code: '35.99', year: 2024 })).rejects.toThrow(
      UnknownRegionError,
    );
    await expect(distribution(t.db, { code: '35', year: 2019 })).rejects.toThrow(
      new NoDataError('no skills_index values in 2019 for 35'),
    );
    await expect(distribution(t.db, { year: 2024, bins: 1 })).rejects.toThrow(QueryInputError);
    await expect(distribution(t.db, { year: 2024, bins: 2.5 })).rejects.toThrow(/bins/);
  });
});
