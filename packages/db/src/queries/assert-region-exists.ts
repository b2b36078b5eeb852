import type { Kysely } from 'kysely';
import type { Database } from '../schema/database.js';
import { UnknownRegionError } from '../errors.js';
import type { RegionScope } from '../sql/index.js';

/**
 * Throw {@link UnknownRegionError} unless the scope is the nation or a region in the database.
 *
 * @example
 * ```ts
 * await assertRegionExists(db, regionScope('35.99')); // throws "unknown region code: 35.99"
 * ```
 */
export async function assertRegionExists(db: Kysely<Database>, scope: RegionScope): Promise<void> {
  if (scope.code === undefined) return;
  const found = await db
    .selectFrom('regions')
    .select('code')
    .where('code', '=', scope.code)
    .executeTakeFirst();
  if (!found) throw new UnknownRegionError(scope.code);
}
