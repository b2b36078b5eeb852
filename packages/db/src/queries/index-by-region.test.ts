import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidRegionCodeError, mean } from '@pandu/domain';
import { UnknownRegionError } from '../errors.js';
import { seededTestDatabase, type SeededTestDatabase } from '../testing/seeded-test-database.js';
import { indexByRegion } from './index-by-region.js';
import { QueryInputError } from './query-input-error.js';

type Row = {
  village_code: string;
  regency_code: string;
  district_code: string;
  kind: string;
  year: number;
  skills_index: number | null;
  skills_index_geometric: number | null;
  access_index: number | null;
  digital_safety: number | null;
};

/** Mean of the non-null values, or null: the domain's mean on the pulled rows. */
const meanOf = (rows: Row[], pick: (r: Row) => number | null): number | null => {
  const values = rows.map(pick).filter((v): v is number => v !== null);
  return values.length === 0 ? null : mean(values);
};

describe('indexByRegion', () => {
  let t: SeededTestDatabase;
  let rows: Row[];
  beforeAll(async () => {
    t = await seededTestDatabase(['35']);
    rows = await t.db
      .selectFrom('village_index')
      .select([
        'village_code',
        'regency_code',
        'district_code',
        'kind',
        'year',
        'skills_index',
        'skills_index_geometric',
        'access_index',
        'digital_safety',
      ])
      .execute();
  }, 60_000);
  afterAll(() => t?.cleanup());

  it("lists Jawa Timur's 38 regencies with means and changes equal to the pulled rows'", async () => {
    const regencies = await indexByRegion(t.db, { code: '35', year: 2024 });
    const expected = await t.db
      .selectFrom('regions')
      .select(['code', 'name'])
      .where('parent_code', '=', '35')
      .orderBy('code')
      .execute();
    expect(regencies).toHaveLength(38);
    expect(regencies.map((r) => [r.code, r.name, r.level])).toEqual(
      expected.map((r) => [r.code, r.name, 'regency']),
    );
    for (const r of regencies) {
      const now = rows.filter((x) => x.regency_code === r.code && x.year === 2024);
      const before = rows.filter((x) => x.regency_code === r.code && x.year === 2023);
      expect(r.villages).toBe(now.filter((x) => x.skills_index !== null).length);
      expect(r.missing).toBe(now.filter((x) => x.skills_index === null).length);
      expect(r.value).toBeCloseTo(meanOf(now, (x) => x.skills_index) as number, 10);
      expect(r.skillsIndex).toBeCloseTo(r.value as number, 12);
      expect(r.accessIndex).toBeCloseTo(meanOf(now, (x) => x.access_index) as number, 10);
      expect(r.digitalSafety).toBeCloseTo(meanOf(now, (x) => x.digital_safety) as number, 10);
      const geometric = meanOf(now, (x) => x.skills_index_geometric) as number;
      expect(r.skillsIndexGeometric).toBeCloseTo(geometric, 10);
      // A geometric mean never exceeds the arithmetic one (AM-GM), village by village.
      expect(geometric).toBeLessThanOrEqual(r.value as number);
      const change =
        (meanOf(now, (x) => x.skills_index) as number) -
        (meanOf(before, (x) => x.skills_index) as number);
      expect(r.change).toBeCloseTo(change, 10);
    }
  });

  it('lists the provinces of the database at the nation level', async () => {
    const provinces = await indexByRegion(t.db, { year: 2024 });
    expect(provinces.map((p) => [p.code, p.name, p.level])).toEqual([
      ['35', 'Jawa Timur', 'province'],
    ]);
    const all = rows.filter((r) => r.year === 2024);
    expect(provinces[0]?.value).toBeCloseTo(meanOf(all, (r) => r.skills_index) as number, 10);
    expect((provinces[0]?.villages ?? 0) + (provinces[0]?.missing ?? 0)).toBe(8494);
  });

  it('filters by kind and averages another measure', async () => {
    for (const [kind, keep] of [
      ['kelurahan', (r: Row) => r.kind === 'kelurahan'],
      ['desa', (r: Row) => r.kind !== 'kelurahan'],
    ] as const) {
      const districts = await indexByRegion(t.db, {
        code: '35.05',
        year: 2022,
        measure: 'access_index',
        kind,
      });
      expect(districts).toHaveLength(22);
      for (const d of districts) {
        const these = rows.filter((r) => r.district_code === d.code && r.year === 2022 && keep(r));
        expect(d.villages).toBe(these.filter((r) => r.access_index !== null).length);
        const expected = meanOf(these, (r) => r.access_index);
        if (expected === null) expect(d.value).toBeNull();
        else expect(d.value).toBeCloseTo(expected, 10);
      }
    }
    // Blitar has kelurahan in only some districts: the others are listed, with no value.
    const kelurahan = await indexByRegion(t.db, { code: '35.05', year: 2022, kind: 'kelurahan' });
    expect(kelurahan.some((d) => d.villages === 0 && d.value === null)).toBe(true);
  });

  it("lists a district's villages with their own values", async () => {
    const villages = await indexByRegion(t.db, { code: '35.05.04', year: 2025 });
    expect(villages).toHaveLength(15);
    for (const v of villages) {
      const row = rows.find((r) => r.village_code === v.code && r.year === 2025);
      expect(v.level).toBe('village');
      expect(v.value).toBe(row?.skills_index ?? null);
    }
    expect(await indexByRegion(t.db, { code: '35.05.04.2014', year: 2025 })).toEqual([]);
  });

  it('has no change in the first year and no values in a year without data', async () => {
    const first = await indexByRegion(t.db, { code: '35', year: 2020 });
    expect(first.every((r) => r.value !== null && r.change === null)).toBe(true);
    const none = await indexByRegion(t.db, { code: '35', year: 2019 });
    expect(none).toHaveLength(38);
    expect(none.every((r) => r.value === null && r.villages === 0)).toBe(true);
  });

  it('throws for unknown and malformed codes and unknown measures', async () => {
    await expect(indexByRegion(t.db, { code: '35.99', year: 2024 })).rejects.toThrow(
      new UnknownRegionError('35.99'),
    );
    await expect(indexByRegion(t.db, { code: '3505', year: 2024 })).rejects.toThrow(
      InvalidRegionCodeError,
    );
    await expect(
      indexByRegion(t.db, { code: '35', year: 2024, measure: 'kind' as never }),
    ).rejects.toThrow(QueryInputError);
    await expect(indexByRegion(t.db, { code: '35', year: 2024.5 })).rejects.toThrow(
      QueryInputError,
    );
  });
});
