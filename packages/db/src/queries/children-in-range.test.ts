import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidRegionCodeError } from '@pandu/domain';
import { NoDataError, UnknownRegionError } from '../errors.js';
import { seededTestDatabase, type SeededTestDatabase } from '../testing/seeded-test-database.js';
import { childrenInRange } from './children-in-range.js';
import { distribution } from './distribution.js';
import { QueryInputError } from './query-input-error.js';

describe('childrenInRange', () => {
  let t: SeededTestDatabase;
  let rows: {
    regency_code: string;
    district_code: string;
    kind: string;
    year: number;
    v: number | null;
  }[];
  beforeAll(async () => {
    t = await seededTestDatabase(['35']);
    rows = await t.db
      .selectFrom('village_index')
      .select(['regency_code', 'district_code', 'kind', 'year', 'access_index as v'])
      .execute();
  });
  afterAll(() => t?.cleanup());

  it('counts each child’s villages in the range, as JavaScript does over the same rows', async () => {
    const r = await childrenInRange(t.db, {
      code: '35.05',
      year: 2024,
      measure: 'access_index',
      kind: 'desa',
      from: 40,
      to: 60,
    });
    const mine = rows.filter(
      (x) => x.year === 2024 && x.regency_code === '35.05' && x.kind !== 'kelurahan',
    );
    const districts = [...new Set(mine.map((x) => x.district_code))].sort();
    expect(r.children.map((c) => c.code)).toEqual(districts);
    for (const c of r.children) {
      const values = mine.filter((x) => x.district_code === c.code && x.v !== null);
      expect(c.villages).toBe(values.length);
      expect(c.inRange).toBe(values.filter((x) => x.v! >= 40 && x.v! < 60).length);
    }
    expect(r.inRange).toBe(r.children.reduce((s, c) => s + c.inRange, 0));
    expect(r.inRange).toBeGreaterThan(0);
    expect(r.inRange).toBeLessThan(r.villages);
    expect(r).toMatchObject({
      code: '35.05',
      level: 'regency',
      from: 40,
      to: 60,
      includeTo: false,
    });
  });

  it('counts a range of whole bins as the histogram does, the last bin with its top edge', async () => {
    const d = await distribution(t.db, { code: '35', year: 2024 });
    const first = d.bins[0]!;
    const low = await childrenInRange(t.db, {
      code: '35',
      year: 2024,
      from: first.x0,
      to: d.bins[2]!.x1,
    });
    expect(low.inRange).toBe(d.bins[0]!.count + d.bins[1]!.count + d.bins[2]!.count);
    const top = d.bins.slice(-3);
    const high = await childrenInRange(t.db, {
      code: '35',
      year: 2024,
      from: top[0]!.x0,
      to: top[2]!.x1,
      includeTo: true,
    });
    expect(high.inRange).toBe(top.reduce((s, b) => s + b.count, 0));
    const all = await childrenInRange(t.db, {
      code: '35',
      year: 2024,
      from: first.x0,
      to: d.bins.at(-1)!.x1,
      includeTo: true,
    });
    expect(all.inRange).toBe(d.n);
    expect(all.villages).toBe(d.n);
  });

  it('lists every child, one without villages in the range with 0', async () => {
    const r = await childrenInRange(t.db, { year: 2024, from: 1, to: 1.5 });
    expect(r.level).toBe('nation');
    expect(r.children.map((c) => c.code)).toContain('35');
    // The top of the scale: most of Blitar's districts have no village there, and are listed.
    const d = await distribution(t.db, { code: '35.05', year: 2024 });
    const top = await childrenInRange(t.db, {
      code: '35.05',
      year: 2024,
      from: d.bins.at(-1)!.x0,
      to: d.bins.at(-1)!.x1,
      includeTo: true,
    });
    expect(top.children.some((c) => c.inRange === 0 && c.villages > 0)).toBe(true);
    expect(top.inRange).toBe(d.bins.at(-1)!.count);
  });

  it('says there is no data for a year without values, as the histogram does', async () => {
    await expect(childrenInRange(t.db, { code: '35', year: 2019, from: 1, to: 2 })).rejects.toThrow(
      NoDataError,
    );
  });

  it('names the field of a bad input', async () => {
    await expect(childrenInRange(t.db, { year: 2024, from: 3, to: 3 })).rejects.toThrow(
      QueryInputError,
    );
    await expect(childrenInRange(t.db, { year: 2024, from: 3, to: 2 })).rejects.toMatchObject({
      field: 'to',
    });
    await expect(childrenInRange(t.db, { code: '3x', year: 2024, from: 1, to: 2 })).rejects.toThrow(
      InvalidRegionCodeError,
    );
    await expect(childrenInRange(t.db, { code: '99', year: 2024, from: 1, to: 2 })).rejects.toThrow(
      UnknownRegionError,
    );
  });

  it('has no children below a village', async () => {
    const village = rows.find((x) => x.year === 2024)!;
    const code = await t.db
      .selectFrom('regions')
      .select('code')
      .where('district_code', '=', village.district_code)
      .where('level', '=', 'village')
      .executeTakeFirstOrThrow();
    const r = await childrenInRange(t.db, { code: code.code, year: 2024, from: 1, to: 5 });
    expect(r.children).toEqual([]);
  });
});
