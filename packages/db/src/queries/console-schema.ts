import { sql, type Kysely } from 'kysely';

/** A column of a published table, as the SQL console lists it. */
export interface ConsoleColumn {
  name: string;
  /** DuckDB's type name (`VARCHAR`, `DOUBLE`, `SMALLINT`...). */
  type: string;
  /** What it holds: the database's own COMMENT; null where there is none. */
  description: string | null;
}

/** A published table: its name, what it holds, and its columns in order. */
export interface ConsoleTable {
  name: string;
  description: string | null;
  columns: ConsoleColumn[];
}

/**
 * The tables a query in the SQL console can read, with their columns' types and the data
 * dictionary's descriptions (the COMMENTs the migrations write, as `readSchemaComments` reads
 * them), in name order. The database's own `main` schema only; not Kysely's migration tables.
 *
 * @example
 * ```ts
 * const tables = await consoleSchema(db);
 * tables.find((t) => t.name === 'village_index')?.columns[0]; // { name: 'village_code', ... }
 * ```
 */
export async function consoleSchema<DB>(db: Kysely<DB>): Promise<ConsoleTable[]> {
  const rows = await sql<{
    table_name: string;
    table_comment: string | null;
    column_name: string;
    data_type: string;
    column_comment: string | null;
  }>`
    select t.table_name, t.comment as table_comment, c.column_name, c.data_type,
      c.comment as column_comment
    from duckdb_tables() t
    join duckdb_columns() c on c.table_oid = t.table_oid
    where t.database_name = current_database() and t.schema_name = 'main'
      and t.table_name not like 'kysely_migration%'
    order by t.table_name, c.column_index`.execute(db);
  const tables: ConsoleTable[] = [];
  for (const row of rows.rows) {
    let table = tables.at(-1);
    if (table?.name !== row.table_name) {
      table = { name: row.table_name, description: row.table_comment, columns: [] };
      tables.push(table);
    }
    table.columns.push({
      name: row.column_name,
      type: row.data_type,
      description: row.column_comment,
    });
  }
  return tables;
}
