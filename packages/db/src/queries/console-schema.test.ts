import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { Database } from '../schema/database.js';
import { openDatabase } from '../open-database.js';
import { consoleSchema } from './console-schema.js';

describe('consoleSchema', () => {
  let db: Kysely<Database>;
  beforeAll(async () => {
    db = await openDatabase(':memory:');
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('lists every published table with typed, described columns, and no migration table', async () => {
    const tables = await consoleSchema(db);
    const names = tables.map((t) => t.name);
    expect(names).toEqual([...names].sort());
    expect(names).toContain('village_index');
    expect(names.some((n) => n.startsWith('kysely_'))).toBe(false);
    const regions = tables.find((t) => t.name === 'regions');
    expect(regions?.description).toBeTruthy();
    const code = regions?.columns.find((c) => c.name === 'code');
    expect(code?.type).toBe('VARCHAR');
    expect(code?.description).toBeTruthy();
    // Every column the migrations make is described: the console's side panel shows them all.
    for (const table of tables) {
      for (const column of table.columns)
        expect(column.description, `${table.name}.${column.name}`).toBeTruthy();
    }
  });
});
