import type { Kysely } from 'kysely';
import type { Database } from '../schema/database.js';
import { UnknownRegionError } from '../errors.js';
import type { RegionScope } from '../sql/index.js';
import { regionMemory } from './region-memory.js';

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
  // A read-only database (a served version) answers from memory (region-memory.ts).
  const memory = await regionMemory(db);
  if (memory) {
    if (!memory.has(scope.code)) throw new UnknownRegionError(scope.code);
    return;
  }
  const found = await db
    .selectFrom('regions')
    .select('code')
    .where('code', '=', scope.code)
    .executeTakeFirst();
  if (!found) throw new UnknownRegionError(scope.code);
}
