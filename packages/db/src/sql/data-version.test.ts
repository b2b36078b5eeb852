import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { openDatabase } from '../open-database.js';
import type { Database } from '../schema/database.js';
import { bumpDataVersion, readDataVersion } from './data-version.js';

describe('data version', () => {
  let db: Kysely<Database>;
  beforeAll(async () => {
    db = await openDatabase(':memory:');
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('is null before the first bump, then counts bumps', async () => {
    await sql`delete from dataset_meta where key = 'data_version'`.execute(db);
    expect(await readDataVersion(db)).toBeNull();
    expect(await bumpDataVersion(db)).toBe(1);
    expect(await bumpDataVersion(db)).toBe(2);
    expect(await readDataVersion(db)).toBe(2);
  });

  it('is null when the stored value is not an integer', async () => {
    await sql`update dataset_meta set value = 'x' where key = 'data_version'`.execute(db);
    expect(await readDataVersion(db)).toBeNull();
    await sql`update dataset_meta set value = '2' where key = 'data_version'`.execute(db);
  });
});
