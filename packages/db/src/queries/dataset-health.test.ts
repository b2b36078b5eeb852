import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { seededTestDatabase, type SeededTestDatabase } from '../testing/seeded-test-database.js';
import { DATABASE_TABLES, datasetHealth } from './dataset-health.js';
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
});
