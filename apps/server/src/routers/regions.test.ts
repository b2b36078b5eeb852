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
    const villages = hits.hits.filter((h) => h.level === 'village');
    expect(villages.length).toBeGreaterThan(1);
    const labels = new Set(villages.map((h) => h.label));
    expect(labels.size).toBe(villages.length);
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

  it('health reports the file, the version and row counts; framework has both languages', async () => {
    const health = await t.caller.health();
    expect(health.file).toBe(t.path);
    expect(health.dataVersion).toBe(1);
    expect(health.rows.regions).toBe(t.seed.regions);
    const framework = await t.caller.framework.get();
    expect(framework.indicators).toHaveLength(10);
    expect(framework.indicators[0]?.labels).toEqual({ id: 'Sinyal 4G', en: '4G signal' });
    expect(framework.sectors.map((s) => s.code)).toEqual([
      'pendidikan',
      'umkm',
      'pertanian',
      'desa_wisata_digital',
    ]);
  });
});
