import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema/database.js';
import { openDatabase } from '../open-database.js';

// The population table a migration loads: checked against the source's own arithmetic (regencies
// sum to their province, the national total) and its shape, in a freshly migrated database.
describe('region_population', () => {
  let db: Kysely<Database>;
  beforeAll(async () => {
    db = await openDatabase(':memory:');
  });
  afterAll(() => db.destroy());

  it('holds 38 provinces and 514 regencies, 284,973,643 people in all', async () => {
    const rows = await sql<{ level: string; n: number; people: number }>`
      select level, count(*)::integer as n, sum(total)::bigint as people
      from region_population group by level order by level`.execute(db);
    expect(rows.rows.map((r) => [r.level, r.n, Number(r.people)])).toEqual([
      ['province', 38, 284_973_643],
      ['regency', 514, 284_973_643],
    ]);
  });

  it('has every province equal to the sum of its regencies, and males plus females', async () => {
    const off = await sql<{ code: string }>`
      select p.code from region_population p
      join region_population r on r.level = 'regency' and substr(r.code, 1, 2) = p.code
      where p.level = 'province'
      group by p.code, p.total having sum(r.total) <> p.total`.execute(db);
    expect(off.rows).toEqual([]);
    const sexes = await sql<{ n: number }>`
      select count(*)::integer as n from region_population where male + female <> total`.execute(
      db,
    );
    expect(sexes.rows[0]?.n).toBe(0);
  });

  it('gives density where there is an area, and null where the source has none', async () => {
    const blitar = await db
      .selectFrom('region_population')
      .selectAll()
      .where('code', '=', '35.05')
      .executeTakeFirstOrThrow();
    expect(blitar.level).toBe('regency');
    expect(blitar.density).toBeCloseTo(Number(blitar.total) / (blitar.area_km2 ?? NaN), 9);
    const noArea = await sql<{ code: string; density: number | null }>`
      select code, density from region_population where area_km2 is null order by code`.execute(db);
    expect(noArea.rows.map((r) => r.code)).toEqual(['11.10', '12.10', '12.20', '14.10', '31']);
    expect(noArea.rows.every((r) => r.density === null)).toBe(true);
  });
});
