import { sql, type Kysely, type RawBuilder } from 'kysely';
import { isReadOnlyDatabase, readOnce } from '../open-database.js';
import type { Database } from '../schema/database.js';

/**
 * A SQL condition, true when the stored figures were computed for the data as they are now: their
 * stamp ('figures_data_version') equals 'data_version'. Put it in the where clause of every
 * stored-figure lookup, so stale or missing figures read as no rows (and the caller falls back to
 * the on-demand query) in the same round trip as the lookup itself.
 *
 * @example
 * ```ts
 * sql`select * from figure_scope where code = ${code} and ${figuresFresh()}`;
 * ```
 */
export function figuresFresh(): RawBuilder<boolean> {
  return sql<boolean>`(select value from dataset_meta where key = 'figures_data_version') =
    (select value from dataset_meta where key = 'data_version')`;
}

/**
 * {@link figuresFresh} for the lookups of `db`. A database opened read-only (a served version)
 * cannot change while open, so its answer is asked once and the lookups carry a constant instead
 * of two subqueries each (about half a millisecond of every stored read); any other database is
 * asked in every lookup, as the figures may be rewritten under it.
 *
 * @example
 * ```ts
 * sql`select * from scope_figures where code = ${code} and ${await figuresFreshFor(db)}`;
 * ```
 */
export async function figuresFreshFor(db: Kysely<Database>): Promise<RawBuilder<boolean>> {
  if (!isReadOnlyDatabase(db)) return figuresFresh();
  const fresh = readOnce(db, 'figures-fresh', () =>
    sql<{ fresh: boolean | null }>`select ${figuresFresh()} as fresh`
      .execute(db)
      .then((r) => r.rows[0]?.fresh === true),
  );
  return (await fresh) ? sql<boolean>`true` : sql<boolean>`false`;
}
