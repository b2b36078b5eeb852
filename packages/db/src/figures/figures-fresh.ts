import { sql, type RawBuilder } from 'kysely';

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
