import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiTestContext } from '../testing/api-test-context.js';

describe('regions router', () => {
  let t: Awaited<ReturnType<typeof apiTestContext>>;
  beforeAll(async () => {
    t = await apiTestContext();
  });
  afterAll(() => t?.cleanup());

  it('gets a region with its ancestors and lists children', async () => {
    const village = await t.caller.regions.get({ code: '35.05.04.2014' });
    expect(village).toMatchObject({ code: '35.05.04.2014', name: 'Plosorejo', level: 'village' });
    expect(village.ancestors.map((a) => a.code)).toEqual(['35', '35.05', '35.05.04']);
    const provinces = await t.caller.regions.children({});
    expect(provinces.map((p) => p.code)).toEqual(['35']);
    const districts = await t.caller.regions.children({ code: '35.05' });
    expect(districts).toHaveLength(22);
    expect(districts.reduce((sum, d) => sum + d.villages, 0)).toBe(248);
  });

  it('searches by name, accent- and case-insensitively, telling same-named villages apart', async () => {
    const hits = await t.caller.regions.search({ q: 'PLOSOREJO', limit: 50 });
    // Exact: the names a typo away (Plosoredjo...) follow as 'fuzzy'.
    const villages = hits.hits.filter((h) => h.level === 'village' && h.match === 'exact');
    expect(villages.length).toBeGreaterThan(1);
    const labels = new Set(villages.map((h) => h.label));
    expect(labels.size).toBe(villages.length);
    // Every village of that name in the database, pulled plainly, is among the hits.
    const named = await sql<{ code: string }>`
      select code from regions where level = 'village' and lower(name) = 'plosorejo'`.execute(t.db);
    expect(named.rows.length).toBe(villages.length);
    expect(new Set(villages.map((h) => h.code))).toEqual(new Set(named.rows.map((r) => r.code)));
    expect(villages.map((h) => h.code)).toContain('35.05.04.2014');
    await expect(t.caller.regions.search({ q: '   ' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('q'),
    });
    await expect(t.caller.regions.search({ q: 'x', limit: 1000 })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('limit'),
    });
  });

  it('rejects a malformed code naming the field, and an unknown one naming the code', async () => {
    await expect(t.caller.regions.get({ code: '35-05' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/^code: .*35-05/),
    });
    await expect(t.caller.regions.children({ code: '35.05.99' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'unknown region code: 35.05.99',
    });
  });
});
