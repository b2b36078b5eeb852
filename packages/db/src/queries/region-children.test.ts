import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { InvalidRegionCodeError } from '@pandu/domain';
import type { Database } from '../schema/database.js';
import { UnknownRegionError } from '../errors.js';
import { getRegion } from './get-region.js';
import { regionChildren } from './region-children.js';
import { regionsTestDatabase } from './regions-test-database.js';

describe('regionChildren', () => {
  let db: Kysely<Database>;
  beforeAll(async () => {
    db = await regionsTestDatabase();
  });
  afterAll(() => db?.destroy());

  it('lists the 38 provinces without a code, whose villages add up to 83,762', async () => {
    const provinces = await regionChildren(db);
    expect(provinces).toHaveLength(38);
    expect(provinces.every((p) => p.level === 'province' && p.parentCode === null)).toBe(true);
    expect(provinces.reduce((sum, p) => sum + p.villages, 0)).toBe(83_762);
    expect(provinces.map((p) => p.code)).toEqual([...provinces.map((p) => p.code)].sort());
    expect(provinces.find((p) => p.code === '35')?.name).toBe('Jawa Timur');
  });

  it('gives each regency of Jawa Timur its density, population / area, as getRegion does', async () => {
    const regencies = await regionChildren(db, { code: '35' });
    expect(regencies).toHaveLength(38);
    for (const r of regencies) {
      expect(r.population).toBeGreaterThan(0);
      expect(r.density).toBeCloseTo((r.population as number) / (r.areaKm2 as number), 9);
      expect(r).toEqual(await getRegion(db, { code: r.code }));
    }
    const provinces = await regionChildren(db, {});
    const total = provinces.reduce((sum, p) => sum + (p.population ?? 0), 0);
    expect(total).toBe(284_973_643);
  });

  it('lists the 22 districts of Kabupaten Blitar, each as getRegion describes it', async () => {
    const districts = await regionChildren(db, { code: '35.05' });
    expect(districts).toHaveLength(22);
    expect(districts.reduce((sum, d) => sum + d.villages, 0)).toBe(248);
    for (const d of districts) expect(d).toEqual(await getRegion(db, { code: d.code }));
    expect(districts[3]?.name).toBe('Kademangan');
  });

  it("lists a district's villages with their kinds, and nothing under a village", async () => {
    const villages = await regionChildren(db, { code: '35.05.04' });
    expect(villages.every((v) => v.level === 'village' && v.villages === 1)).toBe(true);
    expect(villages.find((v) => v.code === '35.05.04.2014')?.kind).toBe('desa');
    expect(villages.find((v) => v.code.startsWith('35.05.04.1'))?.kind).toBe('kelurahan');
    expect(await regionChildren(db, { code: '35.05.04.2014' })).toEqual([]);
  });

  it('throws for malformed and unknown codes', async () => {
    await expect(regionChildren(db, { code: 'x' })).rejects.toThrow(InvalidRegionCodeError);
    await expect(regionChildren(db, { code: '35.99' })).rejects.toThrow(UnknownRegionError);
  });
});
