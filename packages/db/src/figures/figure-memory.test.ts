import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { INDEX_MEASURES, type IndexMeasure, type KindFilter } from '@pandu/domain';
import { DuckDBConnection } from '../duckdb-dialect/duckdb-connection.js';
import { openDatabase } from '../open-database.js';
import type { Database } from '../schema/database.js';
import { seededTestDatabase, type SeededTestDatabase } from '../testing/seeded-test-database.js';
import { figureMemory, prepareFigureMemory } from './figure-memory.js';
import { prepareVillageMemory, villageMemory } from './village-memory.js';
import { storedMentoringCoverage } from './mentoring-coverage-figures.js';
import { storedMentoringImpact } from './mentoring-impact-figures.js';
import { storedMentoringPriorities } from './mentoring-priority-figures.js';
import { storedChildConvergence } from './stored-child-convergence.js';
import { storedConvergence } from './stored-convergence.js';
import { storedDivideSummary } from './stored-divide-summary.js';
import { storedIndexByRegion } from './stored-index-by-region.js';
import { storedDistribution, storedLorenz } from './stored-shapes.js';
import { storedTimeseries, storedYearCoverage } from './stored-timeseries.js';

// A read-only database answers its stored reads from memory (figure-memory.ts); a writable one
// with SQL. Both read the same stored rows, so for a sample of regions at every level, years,
// measures and kinds the two answers are equal exactly (and the SQL answers equal the on-demand
// queries: stored-figures.test.ts). The read-only file is a copy of the writable one.

const KINDS: readonly KindFilter[] = ['all', 'kelurahan', 'desa', 'desa_adat'];
const MEASURES: readonly IndexMeasure[] = ['skills_index', 'outcomes_index', 'digital_ethics'];
const YEARS = [2020, 2022, 2025];

/** The answer, or the error's name and message. */
const settle = (run: () => Promise<unknown>) =>
  run().catch((e: unknown) => ({ error: `${(e as Error).name}: ${(e as Error).message}` }));

/** A copy of `t`'s file, opened read-only. */
async function readOnlyCopy(t: SeededTestDatabase, name: string): Promise<Kysely<Database>> {
  await sql`checkpoint`.execute(t.db);
  const path = join(t.dir, name);
  await copyFile(t.path, path);
  return openDatabase(path, { readOnly: true });
}

/** Every stored read of one input, by name. */
function storedReads(db: Kysely<Database>, code: string | undefined, year: number) {
  return (measure: IndexMeasure, kind: KindFilter) => {
    const input = { code, year, measure, kind };
    const series = { code, measure, kind };
    return {
      divideSummary: () => storedDivideSummary(db, input),
      lorenz: () => storedLorenz(db, input),
      distribution: () => storedDistribution(db, input),
      indexByRegion: () => storedIndexByRegion(db, input),
      timeseries: () => storedTimeseries(db, series),
      yearCoverage: () => storedYearCoverage(db, series),
      convergence: () => storedConvergence(db, series),
      convergencePartial: () => storedConvergence(db, { ...series, includePartial: true }),
      childConvergence: () => storedChildConvergence(db, series),
    };
  };
}

describe('figure memory', () => {
  let t: SeededTestDatabase;
  let ro: Kysely<Database>;
  let scopes: Array<string | undefined>;
  beforeAll(async () => {
    t = await seededTestDatabase(['19', '31', '34', '91']);
    ro = await readOnlyCopy(t, 'read-only.duckdb');
    // Until they are in, a read-only database's reads ask DuckDB (the first call starts the read).
    expect(await figureMemory(ro)).toBeNull();
    expect(await villageMemory(ro)).toBeNull();
    await Promise.all([prepareFigureMemory(ro), prepareVillageMemory(ro)]);
    const first = async (level: string) =>
      (
        await sql<{ code: string }>`select min(code) as code from regions
          where level = ${level} and starts_with(code, '34')`.execute(t.db)
      ).rows[0]?.code as string;
    scopes = [undefined, '19', '31', '34', '91', await first('regency'), await first('district')];
  });
  afterAll(async () => {
    await ro?.destroy();
    await t?.cleanup();
  });

  it('is kept once for a read-only database and never made for a writable one', async () => {
    const memory = await figureMemory(ro);
    expect(memory?.fresh).toBe(true);
    expect(await figureMemory(ro)).toBe(memory);
    expect(await figureMemory(t.db)).toBeNull();
  });

  it('holds the villages and their index rows as the tables do, by district and regency', async () => {
    const memory = await villageMemory(ro);
    expect(memory).not.toBeNull();
    expect(await villageMemory(ro)).toBe(memory);
    expect(await villageMemory(t.db)).toBeNull();
    const columns = sql.join(
      INDEX_MEASURES.map((m) => sql`${sql.ref(m)}::double as ${sql.ref(m)}`),
    );
    const groups = await sql<{ level: 'district' | 'regency'; code: string }>`
      select distinct 'district' as level, district_code as code from village_index
      union all select distinct 'regency', regency_code from village_index
      order by level, code`.execute(t.db);
    let rows = 0;
    for (const { level, code } of groups.rows) {
      const expected = await sql`
        select village_code, year::integer as year, kind, source, district_code, ${columns}
        from village_index where ${sql.ref(`${level}_code`)} = ${code}
        order by village_code, year`.execute(t.db);
      expect(memory?.indexRows(level, code), `${level} ${code}`).toEqual(expected.rows);
      expect(memory?.indexRows(level, code, 2022)).toEqual(
        expected.rows.filter((r) => (r as { year: number }).year === 2022),
      );
      if (level === 'district') {
        rows += expected.rows.length;
        const villages = await sql`select code, name, kind from regions
          where level = 'village' and district_code = ${code} order by code`.execute(t.db);
        expect(memory?.villages(code)).toEqual(villages.rows);
      }
    }
    const total = await sql<{
      n: number;
    }>`select count(*)::integer as n from village_index`.execute(t.db);
    expect(rows).toBe(total.rows[0]?.n);
    expect(rows).toBeGreaterThan(1000);
    expect(memory?.indexRows('district', '99.99.99')).toEqual([]);
    expect(memory?.villages('99.99.99')).toEqual([]);
  });

  it('answers every stored read as the SQL lookups of the same rows do', async () => {
    let compared = 0;
    for (const code of scopes) {
      for (const year of YEARS) {
        for (const measure of MEASURES) {
          for (const kind of KINDS) {
            const inMemory = storedReads(ro, code, year)(measure, kind);
            const withSql = storedReads(t.db, code, year)(measure, kind);
            for (const [name, read] of Object.entries(inMemory)) {
              const label = `${name} ${JSON.stringify({ code, year, measure, kind })}`;
              // A district without villages of the kind throws the on-demand NoDataError: both alike.
              const expected = await settle(withSql[name as keyof typeof withSql]);
              expect(await settle(read), label).toEqual(expected);
              if (expected !== null) compared++;
            }
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(1500);
  });

  it('answers null where nothing is stored, so the on-demand query answers', async () => {
    const year = 2024;
    expect(await storedDivideSummary(ro, { code: '34', year })).not.toBeNull();
    // A threshold other than the measure's default is computed on demand.
    expect(await storedDivideSummary(ro, { code: '34', year, threshold: 2.5 })).toBeNull();
    expect(await storedConvergence(ro, { code: '34', threshold: 2.5 })).toBeNull();
    expect(await storedDistribution(ro, { code: '34', year, bins: 10 })).toBeNull();
    expect(await storedDivideSummary(ro, { code: '34', year, weight: 'people' })).toBeNull();
    expect(await storedDivideSummary(ro, { code: '34.99', year })).toBeNull();
    expect(await storedDivideSummary(ro, { code: '34', year: 1999 })).toBeNull();
    expect(await storedIndexByRegion(ro, { code: '34', year: 1999 })).toBeNull();
    expect(await storedTimeseries(ro, { code: '34.99' })).toBeNull();
  });

  it('asks DuckDB nothing once loaded, at every level (a district and a regency from its villages)', async () => {
    await Promise.all([prepareFigureMemory(ro), prepareVillageMemory(ro)]);
    const spy = vi.spyOn(DuckDBConnection.prototype, 'executeQuery');
    try {
      const readAll = async (db: Kysely<Database>, code: string | undefined) => {
        let answered = 0;
        for (const read of Object.values(storedReads(db, code, 2024)('skills_index', 'all'))) {
          if ((await read()) !== null) answered++;
        }
        return answered;
      };
      for (const code of [undefined, '34', scopes[5], scopes[6]]) {
        spy.mockClear();
        expect(await readAll(ro, code)).toBeGreaterThanOrEqual(8);
        expect(spy, `read-only ${code}`).not.toHaveBeenCalled();
        spy.mockClear();
        await readAll(t.db, code);
        expect(spy, `writable ${code}`).toHaveBeenCalled();
      }
    } finally {
      spy.mockRestore();
    }
  });

  it('answers null on a read-only database whose figures are stale', async () => {
    await sql`update dataset_meta set value = '0' where key = 'figures_data_version'`.execute(t.db);
    let stale: Kysely<Database> | undefined;
    try {
      stale = await readOnlyCopy(t, 'stale.duckdb');
    } finally {
      await sql`update dataset_meta set value = (select value from dataset_meta where key = 'data_version')
        where key = 'figures_data_version'`.execute(t.db);
    }
    try {
      await prepareFigureMemory(stale);
      expect((await figureMemory(stale))?.fresh).toBe(false);
      expect(await storedDivideSummary(stale, { code: '34', year: 2024 })).toBeNull();
      expect(await storedTimeseries(stale, { code: '34' })).toBeNull();
      expect(await storedIndexByRegion(stale, { year: 2024 })).toBeNull();
      expect(await storedLorenz(stale, { year: 2024 })).toBeNull();
      expect(await storedChildConvergence(stale, { code: '34' })).toBeNull();
    } finally {
      await stale.destroy();
    }
  });
});

describe('figure blocks (the mentoring figures of a scope, kept on first touch)', () => {
  let ro: SeededTestDatabase;
  let rw: SeededTestDatabase;
  let scopes: Array<string | undefined>;
  beforeAll(async () => {
    // The shared fixture (Jawa Timur, with the Blitar event) read-only, and a writable copy.
    ro = await seededTestDatabase();
    rw = await seededTestDatabase(['35'], { writable: true });
    const district = await sql<{ code: string }>`select min(code) as code from regions
      where level = 'district' and starts_with(code, '35.05')`.execute(rw.db);
    scopes = [undefined, '35', '35.05', district.rows[0]?.code as string, '35.01'];
  });
  afterAll(async () => {
    await ro?.cleanup();
    await rw?.cleanup();
  });

  /** The answer, or the error's name and message (a scope without a comparison throws). */
  const outcome = (run: () => Promise<unknown>) =>
    run().catch((e: unknown) => ({ error: `${(e as Error).name}: ${(e as Error).message}` }));

  it('answers mentoring coverage, priorities and impact as the SQL lookups do', async () => {
    let compared = 0;
    for (const code of scopes) {
      for (const sector of [undefined, 'umkm', 'pendidikan', 'pertanian'] as const) {
        const coverage = { code, sector };
        const expected = await outcome(() => storedMentoringCoverage(rw.db, coverage));
        expect(await outcome(() => storedMentoringCoverage(ro.db, coverage))).toEqual(expected);
        if (expected !== null) compared++;
        for (const limit of [undefined, 1, 7, 100]) {
          const priorities = { code, sector, limit };
          const ranked = await outcome(() => storedMentoringPriorities(rw.db, priorities));
          expect(
            await outcome(() => storedMentoringPriorities(ro.db, priorities)),
            JSON.stringify(priorities),
          ).toEqual(ranked);
          if (ranked !== null) compared++;
        }
        for (const measure of ['skills_index', 'digital_skills'] as const) {
          const impact = { code, sector, measure };
          const answer = await outcome(() => storedMentoringImpact(rw.db, impact));
          expect(
            await outcome(() => storedMentoringImpact(ro.db, impact)),
            JSON.stringify(impact),
          ).toEqual(answer);
          if (answer !== null && !('error' in (answer as object))) compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(80);
  });

  it('reads a scope once on a read-only database, every time on a writable one', async () => {
    const spy = vi.spyOn(DuckDBConnection.prototype, 'executeQuery');
    try {
      const count = async (db: Kysely<Database>) => {
        spy.mockClear();
        for (const sector of [undefined, 'umkm', 'pendidikan'] as const) {
          await storedMentoringCoverage(db, { code: '35.05', sector });
          await storedMentoringImpact(db, { code: '35.05', sector }).catch(() => null);
          await storedMentoringPriorities(db, { code: '35.05', sector, limit: 5 });
        }
        return spy.mock.calls.length;
      };
      await count(ro.db);
      expect(await count(ro.db)).toBe(0);
      expect(await count(rw.db)).toBeGreaterThanOrEqual(9);
    } finally {
      spy.mockRestore();
    }
  });

  it('does not keep the empty block of a code no region has: it is read again', async () => {
    const spy = vi.spyOn(DuckDBConnection.prototype, 'executeQuery');
    try {
      const ask = async () => {
        spy.mockClear();
        expect(await storedMentoringCoverage(ro.db, { code: '35.99.99' })).toBeNull();
        // Let the block's check of its rows run (it drops an empty one after it resolves).
        await new Promise((r) => setTimeout(r, 0));
        return spy.mock.calls.length;
      };
      expect(await ask()).toBeGreaterThan(0);
      expect(await ask()).toBeGreaterThan(0);
    } finally {
      spy.mockRestore();
    }
  });
});
