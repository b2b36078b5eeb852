import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { Database } from '../schema/database.js';
import { UnknownRegionError } from '../errors.js';
import { assertRegionExists } from './assert-region-exists.js';
import { regionScope } from '../sql/index.js';
import { regionsTestDatabase } from './regions-test-database.js';

describe('assertRegionExists', () => {
  let db: Kysely<Database>;
  beforeAll(async () => {
    db = await regionsTestDatabase();
  });
  afterAll(() => db?.destroy());

  it('passes the nation and every level of a real code', async () => {
    for (const code of [undefined, '35', '35.05', '35.05.04', '35.05.04.2014']) {
      await expect(assertRegionExists(db, regionScope(code))).resolves.toBeUndefined();
    }
  });

  it('throws UnknownRegionError naming a well-formed code that is not there', async () => {
    for (const code of ['35.99', '99', '35.05.04.2999']) {
      const error = await assertRegionExists(db, regionScope(code)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UnknownRegionError);
      expect((error as UnknownRegionError).code).toBe(code);
      expect((error as Error).message).toBe(`unknown region code: ${code}`);
    }
  });
});
