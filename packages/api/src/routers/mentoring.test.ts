import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiTestContext } from '../testing/api-test-context.js';

describe('mentoring router', () => {
  let t: Awaited<ReturnType<typeof apiTestContext>>;
  beforeAll(async () => {
    t = await apiTestContext();
  });
  afterAll(() => t?.cleanup());

  /** Every (event, village) pair, as venue or participant, pulled plainly. */
  async function attendance() {
    const rows = await sql<{ event_id: string; village_code: string }>`
      select id as event_id, venue_village_code as village_code from mentoring_events
      union select event_id, village_code from mentoring_event_villages`.execute(t.db);
    return rows.rows;
  }

  it('counts coverage of a regency in one sector as the rows pulled plainly', async () => {
    const coverage = await t.caller.mentoring.coverage({ code: '35.05', sector: 'umkm' });
    const umkm = new Set(
      (
        await sql<{ event_id: string }>`
          select event_id from mentoring_event_sectors where sector = 'umkm'`.execute(t.db)
      ).rows.map((r) => r.event_id),
    );
    const reached = (await attendance()).filter(
      (a) => umkm.has(a.event_id) && a.village_code.startsWith('35.05.'),
    );
    const villages = new Set(reached.map((a) => a.village_code));
    const events = new Set(reached.map((a) => a.event_id));
    const regencyVillages = await sql<{ n: number }>`
      select count(*)::integer as n from regions where level = 'village' and regency_code = '35.05'`.execute(
      t.db,
    );
    const participants = await sql<{ id: string; p: number | null }>`
      select id, participants_total as p from mentoring_events`.execute(t.db);
    const expectedParticipants = participants.rows
      .filter((e) => events.has(e.id))
      .reduce((sum, e) => sum + (e.p ?? 0), 0);

    expect(coverage.villages).toBe(regencyVillages.rows[0]?.n);
    expect(coverage.total).toEqual({
      events: events.size,
      villagesMentored: villages.size,
      share: villages.size / coverage.villages,
      participants: expectedParticipants,
    });
    expect(coverage.bySector).toEqual([{ sector: 'umkm', ...coverage.total }]);
    expect(events.size).toBeGreaterThan(0);
  });

  it('ranks priorities by the documented rule, recomputed from the rows, with a reason each', async () => {
    const priorities = await t.caller.mentoring.priorities({ code: '35.05', limit: 5 });
    const mentored = new Set((await attendance()).map((a) => a.village_code));
    const rows = await sql<{ code: string; skills: number; access: number }>`
      select village_code as code, skills_index as skills, access_index as access
      from village_index
      where regency_code = '35.05' and year = ${priorities.year}
        and skills_index is not null and access_index is not null`.execute(t.db);
    const expected = rows.rows
      .filter((r) => r.access >= 50 && !mentored.has(r.code))
      .sort((a, b) => a.skills - b.skills || b.access - a.access || a.code.localeCompare(b.code))
      .slice(0, 5)
      .map((r) => r.code);
    expect(priorities.villages.map((v) => v.code)).toEqual(expected);
    expect(priorities.rule).toMatch(/never mentored/);
    for (const v of priorities.villages) expect(v.reason).toContain(v.skillsIndex.toFixed(2));

    const stricter = await t.caller.mentoring.priorities({ code: '35.05', minAccess: 70 });
    for (const v of stricter.villages) expect(v.accessIndex).toBeGreaterThanOrEqual(70);
  });

  it('estimates the impact with an interval that holds the planted effect', async () => {
    const impact = await t.caller.mentoring.impact({ pillar: 'digital_skills' });
    const planted = await sql<{ effect: number }>`
      select max(effect) as effect from planted_effects where indicator = 'digital_skills'`.execute(
      t.db,
    );
    const effect = planted.rows[0]?.effect ?? Number.NaN;
    const [lo, hi] = impact.ci95;
    expect(lo).toBeLessThan(effect);
    expect(hi).toBeGreaterThan(effect);
    expect(impact.nTreated).toBeGreaterThan(100);
    expect(impact.method).toMatch(/difference in differences/i);
  });

  it('answers the event study with the headline at k = 1 and a pre-trend check that passes', async () => {
    const impact = await t.caller.mentoring.impact({ pillar: 'digital_skills' });
    expect(impact.eventStudy.map((e) => e.eventTime)).toEqual([-3, -2, 0, 1, 2, 3]);
    const headline = impact.eventStudy.find((e) => e.eventTime === 1);
    expect(headline?.estimate).toBe(impact.estimate);
    for (const e of impact.eventStudy) {
      // Plain JSON: numbers and null only, an interval around the estimate, a p-value in [0, 1].
      expect(e.ci95[0]).toBeLessThan(e.estimate);
      expect(e.ci95[1]).toBeGreaterThan(e.estimate);
      expect(e.pValue).toBeGreaterThanOrEqual(0);
      expect(e.pValue).toBeLessThanOrEqual(1);
      expect(e.nTreated).toBeGreaterThan(0);
      expect(e.nControl).toBeGreaterThan(1);
    }
    expect(impact.preTrend).toMatchObject({ passes: true, placebos: 2 });
  });

  it('rejects an unknown sector, a limit over 100 and minAccess off the scale, naming each', async () => {
    for (const [input, field] of [
      [{ sector: 'fishing' }, 'sector'],
      [{ limit: 101 }, 'limit'],
      [{ minAccess: 150 }, 'minAccess'],
    ] as const) {
      await expect(
        t.caller.mentoring.priorities(input as Parameters<typeof t.caller.mentoring.priorities>[0]),
      ).rejects.toMatchObject({
        code: 'BAD_REQUEST',
        message: expect.stringMatching(`^${field}: `),
      });
    }
    await expect(
      t.caller.mentoring.coverage({ code: '35.05', from: 2024, to: 2021 }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('to') });
  });
});
