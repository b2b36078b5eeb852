import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiTestContext } from '../testing/api-test-context.js';

describe('mentoring and villages routers', () => {
  let t: Awaited<ReturnType<typeof apiTestContext>>;
  beforeAll(async () => {
    t = await apiTestContext();
  });
  afterAll(() => t?.cleanup());

  it("puts the 2021 Blitar workshop on Plosorejo's profile, with source kinds", async () => {
    const profile = await t.caller.villages.profile({ code: '35.05.04.2014' });
    const event = profile.mentoring.find((e) => e.id === 'kominfo-blitar-2021-11-02');
    expect(event).toMatchObject({
      startDate: '2021-11-02',
      endDate: '2021-11-03',
      source: 'published',
    });
    expect(profile.indicators.length).toBeGreaterThan(0);
    await expect(t.caller.villages.profile({ code: '35.05.04' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });

  it('estimates the impact with an interval that holds the planted effect', async () => {
    const impact = await t.caller.mentoring.impact({ pillar: 'digital_skills' });
    const [lo, hi] = impact.ci95;
    // The default dataset plants +0.15 on digital_skills in the years after mentoring.
    expect(lo).toBeLessThan(0.15);
    expect(hi).toBeGreaterThan(0.15);
    expect(impact.nTreated).toBeGreaterThan(100);
    expect(impact.method).toMatch(/difference in differences/i);
  });

  it('ranks priorities with a reason each, and reports coverage per sector', async () => {
    const priorities = await t.caller.mentoring.priorities({ code: '35.05', limit: 5 });
    expect(priorities.villages.length).toBeLessThanOrEqual(5);
    for (const v of priorities.villages) expect(v.reason.length).toBeGreaterThan(10);
    const coverage = await t.caller.mentoring.coverage({ code: '35.05', sector: 'umkm' });
    expect(coverage.bySector.map((s) => s.sector)).toEqual(['umkm']);
    await expect(
      t.caller.mentoring.coverage({ sector: 'fishing' as 'umkm' }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('sector'),
    });
  });
});
