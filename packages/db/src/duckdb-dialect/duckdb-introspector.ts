import {
  DEFAULT_MIGRATION_LOCK_TABLE,
  DEFAULT_MIGRATION_TABLE,
  sql,
  type DatabaseIntrospector,
  type DatabaseMetadata,
  type DatabaseMetadataOptions,
  type Kysely,
  type SchemaMetadata,
  type TableMetadata,
} from 'kysely';

// The part of DuckDB's information_schema the introspector reads.
type InformationSchema = {
  'information_schema.schemata': { catalog_name: string; schema_name: string };
  'information_schema.tables': {
    table_catalog: string;
    table_schema: string;
    table_name: string;
    table_type: string;
  };
  'information_schema.columns': {
    table_catalog: string;
    table_schema: string;
    table_name: string;
    column_name: string;
    ordinal_position: number;
    column_default: string | null;
    is_nullable: 'YES' | 'NO';
    data_type: string;
    column_comment: string | null;
  };
};

/**
 * Lists the schemas, tables, views and columns of the attached database from DuckDB's
 * `information_schema`. Kysely's Postgres introspector cannot be reused: it reads `pg_catalog`
 * with functions DuckDB lacks (`pg_get_serial_sequence`, `has_schema_privilege`).
 *
 * Only the database itself (`current_database()`) is listed, not other attached databases or
 * the `system` and `temp` catalogs. DuckDB has no serial columns; a column counts as
 * auto-incrementing when its default is `nextval(...)` of a sequence.
 */
export class DuckDBIntrospector implements DatabaseIntrospector {
  readonly #db: Kysely<InformationSchema>;

  constructor(db: Kysely<object>) {
    this.#db = db.withTables<InformationSchema>();
  }

  async getSchemas(): Promise<SchemaMetadata[]> {
    const schemas = await this.#db
      .selectFrom('information_schema.schemata')
      .select('schema_name')
      .where('catalog_name', '=', sql<string>`current_database()`)
      .orderBy('schema_name')
      .execute();
    return schemas.map(({ schema_name }) => ({ name: schema_name }));
  }

  async getTables(
    options: DatabaseMetadataOptions = { withInternalKyselyTables: false },
  ): Promise<TableMetadata[]> {
    let query = this.#db
      .selectFrom('information_schema.columns as c')
      .innerJoin('information_schema.tables as t', (join) =>
        join
          .onRef('t.table_catalog', '=', 'c.table_catalog')
          .onRef('t.table_schema', '=', 'c.table_schema')
          .onRef('t.table_name', '=', 'c.table_name'),
      )
      .select([
        'c.table_schema',
        'c.table_name',
        't.table_type',
        'c.column_name',
        'c.data_type',
        'c.is_nullable',
        'c.column_default',
        // DuckDB names an unaliased result column as the view spells it: COLUMN_COMMENT.
        'c.column_comment as comment',
      ])
      .where('c.table_catalog', '=', sql<string>`current_database()`)
      .orderBy('c.table_schema')
      .orderBy('c.table_name')
      .orderBy('c.ordinal_position');
    if (!options.withInternalKyselyTables) {
      query = query
        .where('c.table_name', '!=', DEFAULT_MIGRATION_TABLE)
        .where('c.table_name', '!=', DEFAULT_MIGRATION_LOCK_TABLE);
    }

    const tables = new Map<string, TableMetadata>();
    for (const column of await query.execute()) {
      const key = `${column.table_schema}.${column.table_name}`;
      let table = tables.get(key);
      if (!table) {
        table = {
          name: column.table_name,
          schema: column.table_schema,
          isView: column.table_type === 'VIEW',
          columns: [],
        };
        tables.set(key, table);
      }
      table.columns.push({
        name: column.column_name,
        dataType: column.data_type,
        isNullable: column.is_nullable === 'YES',
        hasDefaultValue: column.column_default !== null,
        isAutoIncrementing: column.column_default?.startsWith('nextval(') ?? false,
        ...(column.comment === null ? {} : { comment: column.comment }),
      });
    }
    return [...tables.values()];
  }

  async getMetadata(options?: DatabaseMetadataOptions): Promise<DatabaseMetadata> {
    return { tables: await this.getTables(options) };
  }
}
