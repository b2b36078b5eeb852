import { Migrator, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../open-database.js';
import { readSchemaComments } from '../schema/read-schema-comments.js';
import { MIGRATIONS, migrateToLatest } from './index.js';

describe('2026-12-07T00-convergence-inference', () => {
  it('adds the regression sums to scope_convergence, commented, and makes older figures stale', async () => {
    const db = await openDatabase(':memory:');
    try {
      const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
      expect((await migrator.migrateTo('2026-12-06T02-region-population')).error).toBeUndefined();
      // A database whose figures were fresh before the upgrade: they have no sums.
      await sql`insert into dataset_meta values ('data_version', '7'), ('figures_data_version', '7')`.execute(
        db,
      );
      expect((await migrateToLatest(db)).error).toBeUndefined();
      const stamp = await sql<{ n: number }>`
        select count(*)::integer as n from dataset_meta where key = 'figures_data_version'`.execute(
        db,
      );
      expect(stamp.rows[0]?.n).toBe(0);
      const columns = (await readSchemaComments(db)).scope_convergence?.columns ?? {};
      expect(Object.keys(columns).slice(-8)).toEqual([
        'sxx',
        'syy',
        'sxy',
        'abs_slope',
        'abs_intercept',
        'abs_sxx',
        'abs_syy',
        'abs_sxy',
      ]);
      expect(columns.syy).toMatch(/regr_syy/);

      // Down drops them again (migrating to the one before, whatever comes after this one).
      expect((await migrator.migrateTo('2026-12-06T02-region-population')).error).toBeUndefined();
      const after = (await readSchemaComments(db)).scope_convergence?.columns ?? {};
      expect(Object.keys(after).at(-1)).toBe('r2');
    } finally {
      await db.destroy();
    }
  });
});
