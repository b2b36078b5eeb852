import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METHODS } from '@pandu/domain';
import { apiTestContext } from '../testing/api-test-context.js';

// Issue 12, "people as well as villages", through the procedures: `weight: 'people'` reaches the
// on-demand queries (the stored figures are village-weighted), the answers say which weighting
// they carry, and every new field is on the methods page.

const documented = new Set(METHODS.flatMap((m) => m.api));

describe('weight: people through the API', () => {
  let t: Awaited<ReturnType<typeof apiTestContext>>;
  beforeAll(async () => {
    t = await apiTestContext({ cache: true });
  });
  afterAll(() => t?.cleanup());

  it("divide.summary and divide.lorenz: Jawa Timur's people-weighted mean is the regencies' by population", async () => {
    const year = 2024;
    const regencies = (
      await sql<{ p: number; m: number }>`
        select p.total::double as p, avg(v.skills_index) as m
        from village_index v join region_population p on p.code = v.regency_code
        where v.year = ${year} and v.province_code = '35' and v.skills_index is not null
        group by p.code, p.total`.execute(t.db)
    ).rows;
    const expected =
      regencies.reduce((s, r) => s + r.p * r.m, 0) / regencies.reduce((s, r) => s + r.p, 0);
    const people = await t.caller.divide.summary({ code: '35', year, weight: 'people' });
    const villages = await t.caller.divide.summary({ code: '35', year });
    expect(people.mean).toBeCloseTo(expected, 10);
    expect(people.mean).not.toBeCloseTo(villages.mean, 6);
    expect([people.weight, people.weightEffective]).toEqual(['people', true]);
    expect(villages).not.toHaveProperty('weight');
    const curve = await t.caller.divide.lorenz({ code: '35', year, weight: 'people' });
    expect(curve.gini).toBeCloseTo(people.gini, 12);
    expect(curve.weightEffective).toBe(true);
    // The village curve (a stored read) is not served for the people-weighted question.
    expect(curve.gini).not.toBeCloseTo(
      (await t.caller.divide.lorenz({ code: '35', year })).gini,
      8,
    );
    // Within a regency: the village figures, said so.
    const blitar = await t.caller.divide.summary({ code: '35.05', year, weight: 'people' });
    expect(blitar.weightEffective).toBe(false);
    expect(blitar.mean).toBeCloseTo(
      (await t.caller.divide.summary({ code: '35.05', year })).mean,
      12,
    );
  });

  it('index.byRegion and index.timeseries take the weight', async () => {
    const [province] = await t.caller.index.byRegion({ year: 2024, weight: 'people' });
    const summary = await t.caller.divide.summary({ code: '35', year: 2024, weight: 'people' });
    expect(province?.code).toBe('35');
    expect(province?.value).toBeCloseTo(summary.mean, 10);
    const series = await t.caller.index.timeseries({ code: '35', weight: 'people' });
    expect(series.find((p) => p.year === 2024)?.mean).toBeCloseTo(summary.mean, 10);
    expect(series.every((p) => p.weight === 'people' && p.weightEffective)).toBe(true);
  });

  it('names an unknown weight in its error', async () => {
    await expect(
      t.caller.divide.summary({ code: '35', year: 2024, weight: 'households' as 'people' }),
    ).rejects.toThrow(/weight/);
  });

  it('peopleBelow, the weight echo and the density are on the methods page', async () => {
    const people = await t.caller.divide.summary({ code: '35', year: 2024, weight: 'people' });
    expect(people.peopleBelow?.totalPeople).toBeGreaterThan(40_000_000);
    const region = await t.caller.regions.get({ code: '35.05' });
    expect(region.density).toBeCloseTo(1_261_699 / 1745.383, 9);
    const children = await t.caller.regions.children({ code: '35' });
    expect(children.every((c) => c.density !== null && c.density > 0)).toBe(true);
    for (const field of [
      'divide.summary.peopleBelow',
      'divide.summary.weight',
      'divide.summary.weightEffective',
      'divide.lorenz.weightEffective',
      'index.byRegion.weightEffective',
      'index.timeseries.weightEffective',
      'regions.get.density',
      'regions.children.density',
    ]) {
      expect(documented.has(field), field).toBe(true);
    }
  });
});
