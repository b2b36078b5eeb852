import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { SKILL_PILLARS, compositeIndex, indicatorsOfLevel, skillsIndex } from '@pandu/domain';
import { seededTestDatabase, type SeededTestDatabase } from '../testing/seeded-test-database.js';
import { DuplicateObservationKeysError, rebuildVillageIndex } from './rebuild-village-index.js';

const equalWeights = (ids: readonly string[]) => Object.fromEntries(ids.map((id) => [id, 1]));

describe('rebuildVillageIndex', () => {
  let t: SeededTestDatabase;
  beforeAll(async () => {
    t = await seededTestDatabase(['75']);
  });
  afterAll(() => t?.cleanup());

  it('computes each level with the domain composite functions, null when a component is missing', async () => {
    const observations = await t.db
      .selectFrom('observations')
      .select(['village_code', 'year', 'indicator', 'value'])
      .execute();
    const byKey = new Map<string, Record<string, number>>();
    for (const o of observations) {
      const key = `${o.village_code}|${o.year}`;
      const values = byKey.get(key) ?? {};
      values[o.indicator] = o.value;
      byKey.set(key, values);
    }
    const index = await t.db.selectFrom('village_index').selectAll().execute();
    expect(index).toHaveLength(byKey.size);
    const access = indicatorsOfLevel('access').map((i) => i.id);
    const outcomes = indicatorsOfLevel('outcomes').map((i) => i.id);
    let incomplete = 0;
    for (const row of index) {
      const values = byKey.get(`${row.village_code}|${row.year}`) ?? {};
      const pillars = Object.fromEntries(SKILL_PILLARS.map((p) => [p, values[p] ?? null]));
      const arithmetic = skillsIndex(pillars).value;
      const geometric = skillsIndex(pillars, { aggregation: 'geometric' }).value;
      if (arithmetic === null) incomplete++;
      const level = (ids: string[]) =>
        compositeIndex(Object.fromEntries(ids.map((id) => [id, values[id] ?? null])), {
          weights: equalWeights(ids),
          aggregation: 'arithmetic',
        }).value;
      const close = (a: number | null, b: number | null) =>
        a === null || b === null ? a === b : Math.abs(a - b) < 1e-9;
      expect(close(row.skills_index, arithmetic), row.village_code).toBe(true);
      expect(close(row.skills_index_geometric, geometric), row.village_code).toBe(true);
      expect(close(row.access_index, level(access)), row.village_code).toBe(true);
      expect(close(row.outcomes_index, level(outcomes)), row.village_code).toBe(true);
      expect(row.indicators_used).toBe(Object.keys(values).length);
      if (geometric !== null && arithmetic !== null) {
        expect(geometric).toBeLessThanOrEqual(arithmetic + 1e-12);
      }
    }
    // Missing pillars really occur in the seeded data, so the null branch above was exercised.
    expect(incomplete).toBeGreaterThan(0);
  });

  it('rebuilds only the listed villages and marks a mix of sources', async () => {
    const village = '75.01.01.1001';
    await sql`update observations set value = 5, source = 'imported'
      where village_code = ${village} and year = 2024 and indicator = 'digital_skills'`.execute(
      t.db,
    );
    const other = await t.db
      .selectFrom('village_index')
      .select(['village_code', 'skills_index'])
      .where('year', '=', 2024)
      .where('village_code', '<>', village)
      .orderBy('village_code')
      .execute();
    await t.db.transaction().execute(async (trx) => {
      await sql`create temp table touched as select ${village} as village_code`.execute(trx);
      await rebuildVillageIndex(trx, { villageCodesTable: 'touched' });
      await sql`drop table touched`.execute(trx);
    });
    const row = await t.db
      .selectFrom('village_index')
      .select(['digital_skills', 'source'])
      .where('village_code', '=', village)
      .where('year', '=', 2024)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ digital_skills: 5, source: 'mixed' });
    const after = await t.db
      .selectFrom('village_index')
      .select(['village_code', 'skills_index'])
      .where('year', '=', 2024)
      .where('village_code', '<>', village)
      .orderBy('village_code')
      .execute();
    expect(after).toEqual(other);
  });

  it('rebuilds only the years asked for', async () => {
    const village = '75.01.01.1003';
    await sql`update observations set value = 4.5
      where village_code = ${village} and year in (2022, 2023) and indicator = 'digital_safety'`.execute(
      t.db,
    );
    await t.db.transaction().execute(async (trx) => {
      await sql`create temp table touched_years as select ${village} as village_code`.execute(trx);
      await rebuildVillageIndex(trx, {
        villageCodesTable: 'touched_years',
        codeRange: { lo: village, hi: village },
        years: { from: 2023, to: 2023 },
      });
      await sql`drop table touched_years`.execute(trx);
    });
    const rows = await t.db
      .selectFrom('village_index')
      .select(['year', 'digital_safety'])
      .where('village_code', '=', village)
      .where('year', 'in', [2022, 2023])
      .orderBy('year')
      .execute();
    expect(rows).toHaveLength(2);
    expect(rows[1]).toEqual({ year: 2023, digital_safety: 4.5 });
    expect(rows[0]?.digital_safety).not.toBe(4.5);
  });

  it('refuses a village-year holding one indicator twice, so nothing is committed', async () => {
    const village = '75.01.01.1002';
    const before = await t.db
      .selectFrom('village_index')
      .selectAll()
      .orderBy(['village_code', 'year'])
      .execute();
    const attempt = t.db.transaction().execute(async (trx) => {
      await sql`insert into observations
        select village_code, year, indicator, value + 0.01, 'imported', 0 from observations
        where village_code = ${village} and year = 2023 and indicator = 'digital_culture'`.execute(
        trx,
      );
      await sql`create temp table touched_twice as select ${village} as village_code`.execute(trx);
      await rebuildVillageIndex(trx, { villageCodesTable: 'touched_twice' });
    });
    await expect(attempt).rejects.toBeInstanceOf(DuplicateObservationKeysError);
    await sql`drop table if exists touched_twice`.execute(t.db);
    const count = await sql<{ n: number }>`select count(*) as n from observations
      where village_code = ${village} and year = 2023 and indicator = 'digital_culture'`.execute(
      t.db,
    );
    expect(count.rows[0]?.n).toBe(1);
    expect(
      await t.db
        .selectFrom('village_index')
        .selectAll()
        .orderBy(['village_code', 'year'])
        .execute(),
    ).toEqual(before);
  });
});
