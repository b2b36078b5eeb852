import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema/database.js';
import { sqlLiteral, trustedSql } from '../sql/index.js';
import type { HistoryRecord } from './history-record.js';

/** The part of a history record a version's own audit_log row holds. */
export type AuditRecord = Omit<HistoryRecord, 'versionSha256' | 'rows'>;

/** Write the audit row of the version being built, inside it. */
export async function insertAuditRecord(db: Kysely<Database>, record: AuditRecord): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      version: record.version,
      previous_version: record.previousVersion,
      published_at: record.publishedAt,
      actor_kind: record.actor.kind,
      actor_name: record.actor.name,
      action: record.action,
      file_name: record.fileName,
      file_sha256: record.fileSha256,
      rows_accepted: record.rowsAccepted,
      rows_rejected: record.rowsRejected,
      rows_replaced: record.rowsReplaced,
      summary: record.summary,
    })
    .execute();
}

/** The audit row a version wrote about itself; null if it has none. */
export async function readAuditRecord(
  db: Kysely<Database>,
  version: number,
): Promise<AuditRecord | null> {
  const row = await db
    .selectFrom('audit_log')
    .select([
      'version',
      'previous_version',
      'published_at',
      'actor_kind',
      'actor_name',
      'action',
      'file_name',
      'file_sha256',
      'rows_accepted',
      'rows_rejected',
      'rows_replaced',
      'summary',
    ])
    .where('version', '=', version)
    .executeTakeFirst();
  if (!row) return null;
  return {
    version: row.version,
    previousVersion: row.previous_version,
    publishedAt: row.published_at,
    actor: { kind: row.actor_kind, name: row.actor_name },
    action: row.action,
    fileName: row.file_name,
    fileSha256: row.file_sha256,
    rowsAccepted: Number(row.rows_accepted),
    rowsRejected: Number(row.rows_rejected),
    rowsReplaced: Number(row.rows_replaced),
    summary: row.summary,
  };
}

/**
 * Replace the audit log of the version being built with another version's (the current one): a
 * rollback copies an older file, whose log ends where that version did, and a fresh seed starts
 * empty; both must still carry every record. ATTACHed read-only, so readers of that file (servers)
 * are not disturbed.
 */
export async function copyAuditLog(db: Kysely<Database>, fromFile: string): Promise<void> {
  await db.connection().execute(async (conn) => {
    await trustedSql(`attach ${sqlLiteral(fromFile)} as audit_source (read_only)`).execute(conn);
    try {
      await conn.transaction().execute(async (trx) => {
        await sql`delete from audit_log`.execute(trx);
        await sql`insert into audit_log by name select * from audit_source.main.audit_log`.execute(
          trx,
        );
      });
    } finally {
      await sql`detach audit_source`.execute(conn);
    }
  });
}
