import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mean, quantile } from '@pandu/domain';
import { apiTestContext } from '../testing/api-test-context.js';

describe('index router', () => {
  let t: Awaited<ReturnType<typeof apiTestContext>>;
  beforeAll(async () => {
    t = await apiTestContext({ cache: true, writable: true });
  });
  afterAll(() => t?.cleanup());

  it('byRegion lists the regencies with means and changes equal to the villages pulled', async () => {
    const rows = await t.caller.index.byRegion({ parent: '35', year: 2024, kind: 'desa' });
    expect(rows).toHaveLength(38);
    const blitar = rows.find((r) => r.code === '35.05');
    const pull = async (year: number) =>
      (
        await sql<{ v: number }>`select skills_index as v from village_index
          where regency_code = '35.05' and year = ${year} and kind <> 'kelurahan' and skills_index is not null`.execute(
          t.db,
        )
      ).rows.map((r) => r.v);
    const [now, before] = await Promise.all([pull(2024), pull(2023)]);
    expect(blitar?.villages).toBe(now.length);
    expect(blitar?.value).toBeCloseTo(mean(now), 12);
    expect(blitar?.change).toBeCloseTo(mean(now) - mean(before), 12);
  });

  it('timeseries gives mean and quantiles per year, and caches by input', async () => {
    const series = await t.caller.index.timeseries({ code: '35.05.04', pillar: 'digital_skills' });
    expect(series.map((p) => p.year)).toEqual([2020, 2021, 2022, 2023, 2024, 2025]);
    const values = (
      await sql<{ v: number }>`select digital_skills as v from village_index
        where district_code = '35.05.04' and year = 2022 and digital_skills is not null`.execute(
        t.db,
      )
    ).rows.map((r) => r.v);
    const y2022 = series.find((p) => p.year === 2022);
    expect(y2022?.p10).toBeCloseTo(quantile(values, 0.1), 12);
    expect(y2022?.p90).toBeCloseTo(quantile(values, 0.9), 12);
    const misses = t.cache?.misses ?? 0;
    const again = await t.caller.index.timeseries({ code: '35.05.04', pillar: 'digital_skills' });
    expect(again).toEqual(series);
    expect(t.cache?.misses).toBe(misses);
    expect(t.cache?.hits).toBeGreaterThan(0);
  });

  it('serves fresh results after the data version changes (an import bumps it)', async () => {
    const before = await t.caller.index.byRegion({ parent: '35.05.04', year: 2024 });
    await sql`update observations set value = 5 where village_code = '35.05.04.2014' and year = 2024 and indicator like 'digital_%'`.execute(
      t.db,
    );
    await sql`update village_index set digital_skills = 5, digital_ethics = 5, digital_safety = 5, digital_culture = 5, skills_index = 5
      where village_code = '35.05.04.2014' and year = 2024`.execute(t.db);
    const stale = await t.caller.index.byRegion({ parent: '35.05.04', year: 2024 });
    expect(stale).toEqual(before); // same version: the cached result
    await sql`update dataset_meta set value = '2' where key = 'data_version'`.execute(t.db);
    const fresh = await t.caller.index.byRegion({ parent: '35.05.04', year: 2024 });
    expect(fresh.find((r) => r.code === '35.05.04.2014')?.value).toBe(5);
  });
});
