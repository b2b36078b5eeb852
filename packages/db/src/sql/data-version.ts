import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema/database.js';

// The dataset's `data_version` (a row of dataset_meta) rises by one with every import; caches of
// query results are keyed on it. Imports bump it here; the seed writes the first value (1).

/**
 * The dataset's data version, or null when the database has none (not seeded) or it is not an
 * integer.
 *
 * @example
 * ```ts
 * await readDataVersion(db); // 1 after the seed, 2 after one import
 * ```
 */
export async function readDataVersion(db: Kysely<Database>): Promise<number | null> {
  const row = await db
    .selectFrom('dataset_meta')
    .select('value')
    .where('key', '=', 'data_version')
    .executeTakeFirst();
  return parseDataVersion(row?.value);
}

/** A stored `data_version` value as a number; null when absent or not an integer. */
export function parseDataVersion(value: string | undefined): number | null {
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : null;
}

/**
 * Raise the data version by one (to 1 when there is none) and return the new value. Call it in
 * the transaction that changes the data, so a reader never sees new data under an old version.
 *
 * @example
 * ```ts
 * const version = await bumpDataVersion(trx); // 2
 * ```
 */
export async function bumpDataVersion(trx: Kysely<Database>): Promise<number> {
  const version = await sql<{ v: string }>`
    insert into dataset_meta values ('data_version', '1')
    on conflict (key) do update set value = (dataset_meta.value::integer + 1)::varchar
    returning value as v`.execute(trx);
  return Number(version.rows[0]?.v ?? 1);
}
