import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Migrator, NO_MIGRATIONS, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../open-database.js';
import { FRAMEWORK, OBSERVATION_SOURCES } from '@pandu/domain';
import { INDICATOR_IDS, SOURCE_KINDS } from './2026-11-28T01-observation-enums.js';
import { readSchemaComments } from '../schema/read-schema-comments.js';
import { MIGRATIONS, migrateToLatest } from './index.js';
import { MENTORING_FIGURE_TABLES } from './2026-12-06T01-mentoring-figures.js';

const TABLES = [
  'audit_log',
  'dataset_meta',
  'import_batches',
  'indicators',
  'mentoring_event_participants',
  'mentoring_event_sectors',
  'mentoring_event_villages',
  'mentoring_events',
  'observations',
  'planted_effects',
  'profile_figures',
  'published_figures',
  'region_population',
  'regions',
  'scope_children',
  'scope_convergence',
  'scope_figures',
  'scope_shapes',
  'village_index',
  'volunteers',
  ...MENTORING_FIGURE_TABLES,
].sort();

describe('migrations', () => {
  it('are named in the order they apply, timestamp first', () => {
    const names = Object.keys(MIGRATIONS);
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(name).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}-[a-z-]+$/);
    expect([...names].sort()).toEqual(names);
  });

  it('apply when a file is opened, go down to nothing and up again, and are not reapplied', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pandu-migrations-'));
    const path = join(dir, 'm.duckdb');
    const tables = async (db: Awaited<ReturnType<typeof openDatabase>>) =>
      (
        await sql<{ table_name: string }>`
          select table_name from information_schema.tables
          where table_schema = 'main' and table_name not like 'kysely_%' order by 1`.execute(db)
      ).rows.map((r) => r.table_name);
    try {
      let db = await openDatabase(path);
      expect(await tables(db)).toEqual(TABLES);
      const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
      const down = await migrator.migrateTo(NO_MIGRATIONS);
      expect(down.error).toBeUndefined();
      // Every migration, newest first.
      expect(down.results?.map((r) => [r.migrationName, r.direction, r.status])).toEqual(
        Object.keys(MIGRATIONS)
          .reverse()
          .map((name) => [name, 'Down', 'Success']),
      );
      expect(await tables(db)).toEqual([]);
      await db.destroy();

      // Reopening brings the schema back; a second open finds nothing to do.
      db = await openDatabase(path);
      expect(await tables(db)).toEqual(TABLES);
      await db.insertInto('dataset_meta').values({ key: 'probe', value: 'kept' }).execute();
      await db.destroy();
      db = await openDatabase(path);
      const kept = await db.selectFrom('dataset_meta').select('value').executeTakeFirst();
      expect(kept?.value).toBe('kept');
      await db.destroy();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('comment a database made before the comments, keeping its rows', async () => {
    const db = await openDatabase(':memory:');
    try {
      const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
      expect((await migrator.migrateTo('2026-11-28T01-observation-enums')).error).toBeUndefined();
      expect((await readSchemaComments(db)).observations?.comment).toBeNull();
      await sql`insert into observations values ('35.05.04.2014', 2024, 'digital_skills', 3.5, 'imported', 0)`.execute(
        db,
      );

      expect((await migrateToLatest(db)).error).toBeUndefined();
      const comments = await readSchemaComments(db);
      expect(comments.observations?.comment).toBe('One value per village, year and indicator.');
      // Kept through the previous migration's ALTER COLUMN TYPE: the ENUM columns are commented.
      expect(comments.observations?.columns.indicator).toBe('Indicator id (see indicators)');
      expect(await db.selectFrom('observations').select('value').execute()).toEqual([
        { value: 3.5 },
      ]);
    } finally {
      await db.destroy();
    }
  });

  it('store indicators and source kinds as ENUMs holding exactly the domain vocabulary', async () => {
    expect([...INDICATOR_IDS].sort()).toEqual(FRAMEWORK.indicators.map((i) => i.id).sort());
    expect([...SOURCE_KINDS]).toEqual([...OBSERVATION_SOURCES]);
    const db = await openDatabase(':memory:');
    try {
      const types = await sql<{ column_name: string; data_type: string }>`
        select column_name, data_type from information_schema.columns
        where table_name = 'observations' and column_name in ('indicator', 'source')
        order by column_name`.execute(db);
      expect(types.rows.map((r) => [r.column_name, r.data_type.slice(0, 5)])).toEqual([
        ['indicator', 'ENUM('],
        ['source', 'ENUM('],
      ]);
      // Written and read as text; a value outside the vocabulary is refused by DuckDB itself.
      await sql`insert into observations values ('35.05.04.2014', 2024, 'digital_skills', 3.5, 'imported', 0)`.execute(
        db,
      );
      const row = await db.selectFrom('observations').select(['indicator', 'source']).execute();
      expect(row).toEqual([{ indicator: 'digital_skills', source: 'imported' }]);
      await expect(
        sql`insert into observations values ('35.05.04.2014', 2024, 'happiness', 3.5, 'imported', 0)`.execute(
          db,
        ),
      ).rejects.toThrow(/happiness/);
    } finally {
      await db.destroy();
    }
  });
});
