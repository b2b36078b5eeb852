import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema/database.js';
import { bumpDataVersion } from '../sql/index.js';

/** The id the next import batch gets: one more than the highest recorded. */
export async function nextImportBatchId(trx: Kysely<Database>): Promise<number> {
  const next = await sql<{ id: number }>`
    select coalesce(max(id), 0) + 1 as id from import_batches`.execute(trx);
  return next.rows[0]?.id ?? 1;
}

/**
 * The last step of every import, inside its transaction: record the batch (file, content hash,
 * rows) and bump the dataset's `data_version`, which the API's caches are keyed on. Returns the
 * new version.
 *
 * @example
 * ```ts
 * const dataVersion = await recordImportBatch(trx, {
 *   id: batchId, kind: 'observations', fileName: 'survey.csv', contentHash, rowsAccepted: 12_400, replaced: 0,
 * });
 * ```
 */
export async function recordImportBatch(
  trx: Kysely<Database>,
  batch: {
    id: number;
    kind: 'observations' | 'mentoring';
    fileName: string;
    contentHash: string;
    rowsAccepted: number;
    replaced: number;
  },
): Promise<number> {
  await trx
    .insertInto('import_batches')
    .values({
      id: batch.id,
      kind: batch.kind,
      file_name: batch.fileName,
      content_hash: batch.contentHash,
      rows_accepted: batch.rowsAccepted,
      // A file with any rejection writes nothing, so a recorded batch never has rejected rows.
      rows_rejected: 0,
      replaced: batch.replaced,
    })
    .execute();
  return bumpDataVersion(trx);
}
