import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema/database.js';
import { figuresFresh } from './figures-fresh.js';

/**
 * Whether the stored figures were computed for the data as they are now (one small read of
 * dataset_meta): a write that does not compute them itself (a rollback, an upgrade, an adoption)
 * asks this before publishing, and refreshes them when not.
 *
 * @example
 * ```ts
 * if (!(await figuresAreFresh(db))) await db.transaction().execute((trx) => refreshFigures(trx));
 * ```
 */
export async function figuresAreFresh(db: Kysely<Database>): Promise<boolean> {
  const result = await sql<{ fresh: boolean | null }>`select ${figuresFresh()} as fresh`.execute(
    db,
  );
  return result.rows[0]?.fresh === true;
}
