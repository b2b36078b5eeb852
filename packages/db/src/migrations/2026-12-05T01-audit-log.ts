import { sql, type Kysely } from 'kysely';

// The audit log of a data directory's versions (store/data-store.ts): one row per published
// version, written inside the version it publishes, and carried forward into every later one (a
// rollback and a fresh seed included), so the newest version holds every record and none can be
// removed by a write. history.jsonl beside the versions says the same for versions since pruned.
//
// No primary key: a table nobody updates needs none, and every row is written by the one writer
// that holds the data directory's lock. Comments here, as migrations/2026-12-05T00-schema-comments.ts
// asks of a new table, so the export's data dictionary describes it.
const COLUMNS: ReadonlyArray<readonly [name: string, type: string, comment: string]> = [
  ['version', 'integer not null', 'Version this write published (versions/v000003.duckdb is 3)'],
  ['previous_version', 'integer', 'Version it was built on; null for the first'],
  ['published_at', 'timestamp not null', 'When it was published (UTC)'],
  [
    'actor_kind',
    'varchar not null',
    'Who wrote it: user (a dashboard login), token (an API token) or os (the operating-system user running pandu)',
  ],
  ['actor_name', 'varchar not null', 'User name, token name or operating-system user name'],
  [
    'action',
    'varchar not null',
    'seed, import-observations, import-mentoring, rollback, adopt or upgrade',
  ],
  ['file_name', 'varchar', 'File imported (its name, not its path); null when none'],
  ['file_sha256', 'varchar', 'SHA-256 of that file; null when none'],
  ['rows_accepted', 'bigint not null', 'Rows the write accepted'],
  [
    'rows_rejected',
    'bigint not null',
    'Rows rejected (a file with rejections publishes nothing, so 0)',
  ],
  ['rows_replaced', 'bigint not null', 'Stored values the write replaced'],
  ['summary', 'varchar not null', 'What the write did, in one line'],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table audit_log (${sql.raw(COLUMNS.map(([name, type]) => `${name} ${type}`).join(', '))})`.execute(
    db,
  );
  await sql`comment on table audit_log is ${sql.lit(
    'Every published version of the data directory: who wrote it, when, what and from which file. Carried forward into each later version, rollbacks included; nothing removes a row.',
  )}`.execute(db);
  for (const [name, , comment] of COLUMNS) {
    await sql`comment on column ${sql.ref(`audit_log.${name}`)} is ${sql.lit(comment)}`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists audit_log`.execute(db);
}
