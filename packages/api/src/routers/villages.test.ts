import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mean } from '@pandu/domain';
import { apiTestContext } from '../testing/api-test-context.js';

const PLOSOREJO = '35.05.04.2014';

describe('villages router', () => {
  let t: Awaited<ReturnType<typeof apiTestContext>>;
  beforeAll(async () => {
    t = await apiTestContext();
  });
  afterAll(() => t?.cleanup());

  /** Observation values of one indicator and year for the villages whose code starts with `prefix`. */
  async function observed(prefix: string, indicator: string, year: number) {
    const rows = await sql<{ village_code: string; value: number }>`
      select village_code, value from observations
      where village_code like ${`${prefix}%`} and indicator = ${indicator} and year = ${year}`.execute(
      t.db,
    );
    return rows.rows;
  }

  it('puts each figure beside the district, regency and national means of the same rows', async () => {
    const profile = await t.caller.villages.profile({ code: PLOSOREJO });
    expect(profile.village).toMatchObject({ code: PLOSOREJO, name: 'Plosorejo' });
    expect(profile.ancestors.map((a) => a.code)).toEqual(['35', '35.05', '35.05.04']);

    for (const [indicator, year] of [
      ['digital_skills', 2024],
      ['access_4g_signal', 2021],
    ] as const) {
      const figure = profile.indicators
        .find((i) => i.id === indicator)
        ?.years.find((y) => y.year === year);
      const own = (await observed(PLOSOREJO, indicator, year))[0];
      expect(figure?.value, indicator).toBe(own?.value);
      const values = async (prefix: string) =>
        (await observed(prefix, indicator, year)).map((r) => r.value);
      expect(figure?.district).toBeCloseTo(mean(await values('35.05.04.')), 10);
      expect(figure?.regency).toBeCloseTo(mean(await values('35.05.')), 10);
      // The test database holds one province, so "national" is all of it.
      expect(figure?.national).toBeCloseTo(mean(await values('')), 10);
    }
  });

  it('ranks the village by skills index in its district and regency as counted plainly', async () => {
    const { rank } = await t.caller.villages.profile({ code: PLOSOREJO });
    expect(rank).not.toBeNull();
    const rows = await sql<{ village_code: string; district_code: string; v: number }>`
      select village_code, district_code, skills_index as v from village_index
      where regency_code = '35.05' and year = ${rank?.year ?? 0} and skills_index is not null`.execute(
      t.db,
    );
    const own = rows.rows.find((r) => r.village_code === PLOSOREJO);
    expect(rank?.value).toBe(own?.v);
    const rankIn = (vs: number[]) => 1 + vs.filter((v) => v > (own?.v ?? 0)).length;
    const district = rows.rows.filter((r) => r.district_code === '35.05.04').map((r) => r.v);
    expect(rank?.district).toEqual({ rank: rankIn(district), of: district.length });
    const regency = rows.rows.map((r) => r.v);
    expect(rank?.regency).toEqual({ rank: rankIn(regency), of: regency.length });
  });

  it("lists the village's mentoring events, the 2021 Blitar workshop among them, with sources", async () => {
    const profile = await t.caller.villages.profile({ code: PLOSOREJO });
    const events = await sql<{ id: string }>`
      select id from mentoring_events where venue_village_code = ${PLOSOREJO}
      union select event_id from mentoring_event_villages where village_code = ${PLOSOREJO}`.execute(
      t.db,
    );
    expect(new Set(profile.mentoring.map((e) => e.id))).toEqual(
      new Set(events.rows.map((e) => e.id)),
    );
    expect(profile.mentoring.find((e) => e.id === 'kominfo-blitar-2021-11-02')).toMatchObject({
      startDate: '2021-11-02',
      endDate: '2021-11-03',
      source: 'published',
    });
    const sources = new Set(profile.indicators.flatMap((i) => i.years.map((y) => y.source)));
    expect([...sources].every((s) => s === null || typeof s === 'string')).toBe(true);
    expect(sources.size).toBeGreaterThan(0);
  });

  it('rejects a code that is not a village, and names an unknown village', async () => {
    await expect(t.caller.villages.profile({ code: '35.05.04' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/^code: /),
    });
    await expect(t.caller.villages.profile({ code: '35.05.04.9999' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'unknown region code: 35.05.04.9999',
    });
  });
});

describe('villages router with the result cache', () => {
  let t: Awaited<ReturnType<typeof apiTestContext>>;
  beforeAll(async () => {
    t = await apiTestContext({ cache: true, writable: true });
  });
  afterAll(() => t?.cleanup());

  const national2020 = async (code: string) =>
    (await t.caller.villages.profile({ code })).indicators
      .find((i) => i.id === 'digital_skills')
      ?.years.find((y) => y.year === 2020)?.national;

  it('computes the national means once per data version, and again after an import bumps it', async () => {
    const before = await national2020(PLOSOREJO);
    const misses = t.cache?.misses ?? 0;
    // Another village: its profile is new, the national means are not.
    expect(await national2020('35.05.04.2001')).toBe(before);
    expect((t.cache?.misses ?? 0) - misses).toBe(1);

    await sql`update observations set value = value + 1
      where indicator = 'digital_skills' and year = 2020`.execute(t.db);
    // Unchanged data version: the cached means are served (what an import's bump prevents).
    expect(await national2020(PLOSOREJO)).toBe(before);
    await sql`update dataset_meta set value = '2' where key = 'data_version'`.execute(t.db);
    expect(await national2020(PLOSOREJO)).toBeCloseTo((before ?? Number.NaN) + 1, 10);
  });
});
