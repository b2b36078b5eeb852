import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../open-database.js';
import { SCOPE_FIGURE_TABLES } from '../migrations/2026-12-06T00-scope-figures.js';
import { DATABASE_TABLES } from '../queries/dataset-health.js';
import { MENTORING_FIGURE_TABLES } from '../migrations/2026-12-06T01-mentoring-figures.js';
import { PROFILE_FIGURE_TABLES } from '../migrations/2026-12-08T00-profile-figures.js';
import { readSchemaComments } from './read-schema-comments.js';

describe('readSchemaComments', () => {
  it('finds a comment on every table and every column of a migrated database', async () => {
    const db = await openDatabase(':memory:');
    try {
      const comments = await readSchemaComments(db);
      // Every table the health check counts and the derived figure tables, none other (no Kysely
      // or attached tables).
      expect(Object.keys(comments).sort()).toEqual(
        [
          ...DATABASE_TABLES,
          ...SCOPE_FIGURE_TABLES,
          ...MENTORING_FIGURE_TABLES,
          ...PROFILE_FIGURE_TABLES,
        ].sort(),
      );
      for (const [table, { comment, columns }] of Object.entries(comments)) {
        expect(comment, table).toMatch(/\S/);
        for (const [column, meaning] of Object.entries(columns)) {
          expect(meaning, `${table}.${column}`).toMatch(/\S/);
        }
      }
      // Columns in the table's order, as DESCRIBE lists them.
      expect(Object.keys(comments.observations?.columns ?? {})).toEqual([
        'village_code',
        'year',
        'indicator',
        'value',
        'source',
        'batch_id',
      ]);
      expect(comments.observations?.columns.value).toBe(
        "Value, inside the indicator's valid range",
      );
    } finally {
      await db.destroy();
    }
  });

  it("reads only the database's own tables: not an attached file's, temporary or Kysely's", async () => {
    const db = await openDatabase(':memory:');
    try {
      await db.connection().execute(async (conn) => {
        await sql`attach ':memory:' as other`.execute(conn);
        await sql`create table other.regions (code varchar)`.execute(conn);
        await sql`comment on table other.regions is 'not ours'`.execute(conn);
        await sql`create temp table scratch (x integer)`.execute(conn);
        const comments = await readSchemaComments(conn);
        expect(comments.regions?.comment).toMatch(/^Provinces, regencies/);
        expect(comments.regions?.columns.code).toMatch(/^Kemendagri code/);
        expect(Object.keys(comments)).not.toContain('scratch');
        expect(Object.keys(comments).filter((t) => t.startsWith('kysely'))).toEqual([]);
        await sql`detach other`.execute(conn);
      });
    } finally {
      await db.destroy();
    }
  });
});
