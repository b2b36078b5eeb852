import { sql, type Kysely } from 'kysely';

/** The comments (COMMENT ON) of one table and of its columns; null where there is none. */
export interface TableComments {
  comment: string | null;
  /** By column name, in the table's column order. */
  columns: Readonly<Record<string, string | null>>;
}

/** Table and column comments of a database, by table name. */
export type SchemaComments = Readonly<Record<string, TableComments>>;

/**
 * Read what the database says its tables and columns hold: the comments the migrations write
 * (migrations/2026-12-05T00-schema-comments.ts), from `duckdb_tables()` and `duckdb_columns()`.
 * Only the database's own `main` schema is read, not a file an export has ATTACHed nor temporary
 * tables, and not Kysely's migration tables.
 *
 * @example
 * ```ts
 * const comments = await readSchemaComments(db);
 * comments.observations?.columns.value; // "Value, inside the indicator's valid range"
 * ```
 */
export async function readSchemaComments<DB>(db: Kysely<DB>): Promise<SchemaComments> {
  const rows = await sql<{
    table_name: string;
    table_comment: string | null;
    column_name: string;
    column_comment: string | null;
  }>`
    select t.table_name, t.comment as table_comment, c.column_name, c.comment as column_comment
    from duckdb_tables() t
    join duckdb_columns() c on c.table_oid = t.table_oid
    where t.database_name = current_database() and t.schema_name = 'main'
      and t.table_name not like 'kysely_migration%'
    order by t.table_name, c.column_index`.execute(db);
  const tables: Record<string, { comment: string | null; columns: Record<string, string | null> }> =
    {};
  for (const row of rows.rows) {
    const table = (tables[row.table_name] ??= { comment: row.table_comment, columns: {} });
    table.columns[row.column_name] = row.column_comment;
  }
  return tables;
}
