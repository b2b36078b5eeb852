import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'kysely';
import { importObservations } from '../import/import-observations.js';
import { seededTestDatabase, type SeededTestDatabase } from '../testing/seeded-test-database.js';
import { DATABASE_TABLES, datasetHealth } from './dataset-health.js';
import { COMPLETE_YEAR_COVERAGE } from './year-coverage.js';
import { regionsTestDatabase } from './regions-test-database.js';

describe('datasetHealth', () => {
  let t: SeededTestDatabase;
  beforeAll(async () => {
    t = await seededTestDatabase(['35']);
  }, 60_000);
  afterAll(() => t?.cleanup());

  it('counts the rows of every table as a plain count does', async () => {
    const health = await datasetHealth(t.db);
    for (const table of DATABASE_TABLES) {
      const counted = await sql<{
        n: number;
      }>`select count(*) as n from ${sql.table(table)}`.execute(t.db);
      expect(health.rows[table], table).toBe(Number(counted.rows[0]?.n));
    }
    expect(health.rows.regions).toBe(t.seed.regions);
    expect(health.rows.observations).toBe(t.seed.observations);
    expect(health.rows.mentoring_events).toBe(t.seed.mentoringEvents);
  });

  it('reads a read-only version once per threshold and hands out copies; a writable file every time', async () => {
    // The shared fixture is opened read-only, as a served version is.
    const reads = vi.spyOn(t.db, 'selectFrom');
    try {
      const first = await datasetHealth(t.db, { completeCoverage: 0.5 });
      first.rows.regions = -1;
      const second = await datasetHealth(t.db, { completeCoverage: 0.5 });
      expect(second.rows.regions).toBe(t.seed.regions);
      expect(reads).toHaveBeenCalledTimes(1);
      await datasetHealth(t.db, { completeCoverage: 0.75 });
      expect(reads).toHaveBeenCalledTimes(2);
    } finally {
      reads.mockRestore();
    }
    const own = await seededTestDatabase(['35'], { writable: true });
    try {
      const writes = vi.spyOn(own.db, 'selectFrom');
      await datasetHealth(own.db);
      await datasetHealth(own.db);
      expect(writes).toHaveBeenCalledTimes(2);
    } finally {
      await own.cleanup();
    }
  });

  it('reads the seed facts from dataset_meta and the years from the village index', async () => {
    const health = await datasetHealth(t.db);
    expect(health).toMatchObject({
      file: t.path,
      dataVersion: 1,
      seed: 20211102,
      synthetic: true,
      provinces: ['35'],
      years: { first: 2020, last: 2025, list: [2020, 2021, 2022, 2023, 2024, 2025] },
    });
    expect(health.meta.data_version).toBe('1');
    expect(JSON.parse(JSON.stringify(health))).toEqual(health);
  });

  it('gives each year its coverage, and the latest complete year', async () => {
    const health = await datasetHealth(t.db);
    const villages = await sql<{ year: number; n: number }>`
      select year::integer as year, count(*)::integer as n from village_index
      where skills_index is not null group by year order by year`.execute(t.db);
    expect(health.years?.coverage.map((c) => [c.year, c.villages])).toEqual(
      villages.rows.map((r) => [r.year, r.n]),
    );
    for (const c of health.years?.coverage ?? []) {
      expect(c.share, String(c.year)).toBeCloseTo(c.villages / t.seed.villages, 12);
      expect(c.share, String(c.year)).toBeGreaterThanOrEqual(COMPLETE_YEAR_COVERAGE);
      expect(c.complete, String(c.year)).toBe(true);
    }
    expect(health.years?.complete).toBe(2025);
  });

  it('reports an unseeded database as such rather than failing', async () => {
    const db = await regionsTestDatabase();
    try {
      const health = await datasetHealth(db);
      expect(health).toMatchObject({
        file: null,
        dataVersion: null,
        seed: null,
        synthetic: false,
        provinces: null,
        years: null,
      });
      expect(health.rows.regions).toBe(91_599);
      expect(health.rows.observations).toBe(0);
    } finally {
      await db.destroy();
    }
  });

  // Issue 10: one value imported for a new year made every page default to that year, blank.
  it('regression: a year with a few villages is partial, and the default stays the last complete one', async () => {
    const w = await seededTestDatabase(['35'], { writable: true });
    try {
      // What a user did: import the four skills pillars of one village for 2027.
      const file = join(w.dir, '2027.csv');
      await writeFile(
        file,
        ['village_code,year,indicator,value']
          .concat(
            ['digital_skills', 'digital_ethics', 'digital_safety', 'digital_culture'].map(
              (indicator) => `35.05.04.2014,2027,${indicator},3.5`,
            ),
          )
          .join('\n'),
      );
      await importObservations(w.db, file);
      const health = await datasetHealth(w.db);
      expect(health.years?.last).toBe(2027);
      expect(health.years?.coverage.at(-1)).toMatchObject({
        year: 2027,
        villages: 1,
        complete: false,
      });
      expect(health.years?.complete).toBe(2025);
    } finally {
      await w.cleanup();
    }
  });
});
