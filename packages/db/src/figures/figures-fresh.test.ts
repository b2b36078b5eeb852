import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../open-database.js';
import { figuresFresh, figuresFreshFor } from './figures-fresh.js';

// A served version is opened read-only and cannot change while open: its freshness is asked once
// and its lookups carry a constant. A writable database is asked in every lookup.
describe('figuresFreshFor', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pandu-fresh-'));
    const db = await openDatabase(join(dir, 'v.duckdb'));
    await sql`insert into dataset_meta values ('data_version', '3'), ('figures_data_version', '3')`.execute(
      db,
    );
    await db.destroy();
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('gives a read-only database a constant, asked once', async () => {
    const db = await openDatabase(join(dir, 'v.duckdb'), { readOnly: true });
    try {
      const condition = await figuresFreshFor(db);
      expect(condition.compile(db).sql).toBe('true');
      expect((await sql<{ f: boolean }>`select ${condition} as f`.execute(db)).rows[0]?.f).toBe(
        true,
      );
    } finally {
      await db.destroy();
    }
  });

  it('asks a writable database in every lookup, so a newer data version reads as stale', async () => {
    const db = await openDatabase(join(dir, 'v.duckdb'));
    try {
      const condition = await figuresFreshFor(db);
      expect(condition.compile(db).sql).toBe(figuresFresh().compile(db).sql);
      await sql`update dataset_meta set value = '4' where key = 'data_version'`.execute(db);
      expect((await sql<{ f: boolean }>`select ${condition} as f`.execute(db)).rows[0]?.f).toBe(
        false,
      );
    } finally {
      await db.destroy();
    }
  });
});
