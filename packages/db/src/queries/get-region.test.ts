import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { InvalidRegionCodeError } from '@pandu/domain';
import type { Database } from '../schema/database.js';
import { UnknownRegionError } from '../errors.js';
import { getRegion, regionAncestors } from './get-region.js';
import { regionsTestDatabase } from './regions-test-database.js';

describe('getRegion', () => {
  let db: Kysely<Database>;
  beforeAll(async () => {
    db = await regionsTestDatabase();
  });
  afterAll(() => db?.destroy());

  it('describes Kabupaten Blitar: 22 districts, 220 desa + 28 kelurahan = 248 villages', async () => {
    const blitar = await getRegion(db, { code: '35.05' });
    expect(blitar).toEqual({
      code: '35.05',
      name: 'Kabupaten Blitar',
      level: 'regency',
      parentCode: '35',
      kind: null,
      ancestors: [{ code: '35', name: 'Jawa Timur', level: 'province' }],
      villages: 248,
      // Kepmendagri 2025: 1,261,699 residents on 1,745.383 km2.
      population: 1_261_699,
      areaKm2: 1745.383,
      density: 1_261_699 / 1745.383,
    });
  });

  it('gives a province or regency its population and density, null where nothing is published', async () => {
    const blitar = await getRegion(db, { code: '35.05' });
    expect(blitar.density).toBeCloseTo(722.88, 2);
    // Pidie Jaya (11.10) has no area in the source: population, but no density.
    const noArea = await getRegion(db, { code: '11.10' });
    expect([noArea.population, noArea.areaKm2, noArea.density]).toEqual([140_461, null, null]);
    for (const code of ['35.05.04', '35.05.04.2014']) {
      const region = await getRegion(db, { code });
      expect([region.population, region.areaKm2, region.density]).toEqual([null, null, null]);
    }
  });

  it('gives a village its kind and its three ancestors, province first', async () => {
    const village = await getRegion(db, { code: '35.05.04.2014' });
    expect(village.name).toBe('Plosorejo');
    expect(village.kind).toBe('desa');
    expect(village.villages).toBe(1);
    expect(village.parentCode).toBe('35.05.04');
    expect(village.ancestors.map((a) => [a.code, a.level])).toEqual([
      ['35', 'province'],
      ['35.05', 'regency'],
      ['35.05.04', 'district'],
    ]);
    expect(village.ancestors[2]?.name).toBe('Kademangan');
  });

  it('counts villages as a plain count of the regions table does, at every level', async () => {
    for (const code of ['35', '35.05', '35.05.04', '91', '11.01.01']) {
      const counted = await sql<{ n: number }>`
        select count(*)::integer as n from regions
        where level = 'village' and starts_with(code, ${`${code}.`})`.execute(db);
      const region = await getRegion(db, { code });
      expect(region.villages).toBe(counted.rows[0]?.n);
      expect(region.ancestors).toEqual(await regionAncestors(db, code));
    }
    const province = await getRegion(db, { code: '35' });
    expect(province.parentCode).toBeNull();
    expect(province.ancestors).toEqual([]);
  });

  it('throws the domain error for a malformed code and UnknownRegionError for a missing one', async () => {
    await expect(getRegion(db, { code: '35.5' })).rejects.toThrow(InvalidRegionCodeError);
    await expect(getRegion(db, { code: '35.99' })).rejects.toThrow(new UnknownRegionError('35.99'));
  });
});
