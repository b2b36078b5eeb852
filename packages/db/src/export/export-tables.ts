import type { SchemaComments } from '../schema/read-schema-comments.js';
import type { ExportFormat } from './export-types.js';
import type { ExportScope } from './export-scope.js';
import { REGION_FIGURES_TABLE } from './region-figures.js';

/**
 * The tables an export writes: which columns, in what type and unit, and which rows a scope keeps.
 * One list serves the SQL (the SELECT lists are built from it, never `select *`) and the data
 * dictionary, so a file and its description cannot drift apart; a test compares the list with the
 * columns DuckDB actually writes. What a table or column means is not here: it is the table's and
 * column's COMMENT in the database (migrations/2026-12-05T00-schema-comments.ts), which the
 * dictionary reads back ({@link describeExportTables}).
 */
export interface ExportColumn {
  name: string;
  /** The DuckDB type in the export, as `DESCRIBE` shows it (ENUMs are exported as VARCHAR). */
  type: string;
  unit?: string;
  /** SQL that computes the column, when it is not the source column of the same name. */
  expression?: string;
  /**
   * The meaning of a column the source table does not have (the partition column). A stored
   * column is described by its comment in the database, never here.
   */
  description?: string;
  /** Only in the partitioned Parquet files (the partition column); not in CSV or DuckDB. */
  partitionOnly?: boolean;
}

export interface ExportTable {
  /** Table name, in the database and in the export. */
  name: string;
  /**
   * A table computed at export time rather than copied: the SELECT that produces its rows for a
   * scope (already limited to it). Its meaning is then `comment`, and each column's its own
   * `description`, since the database has no comment for a table it does not hold.
   */
  source?: (scope: ExportScope) => string;
  /** What a computed table (`source`) means. A stored table's meaning is its database comment. */
  comment?: string;
  /**
   * What the dictionary adds after the table's comment: a remark about the exported files or a
   * pointer to another section of the dictionary, which the database's own comment has no use for.
   */
  exportNote?: string;
  columns: readonly ExportColumn[];
  /** Rows the scope keeps: a predicate over the source table. Default: every row. */
  where?: (scope: ExportScope) => string;
  /** Rows are written in this order, so an export of the same data is the same file. */
  orderBy: string;
  /**
   * How a scope (and its years) limits the table, in words, for the dictionary; absent when an
   * export always holds the whole table.
   */
  scoping?: string;
  /**
   * Parquet: one file per province and year, `province=PP/year=YYYY/data_0.parquet`, the
   * province taken from this village-code column. The files still hold every column.
   */
  partitionedBy?: { villageColumn: string };
}

const source: ExportColumn = {
  name: 'source',
  type: 'VARCHAR',
  // observations stores it as an ENUM: exported as text, as documented.
  expression: 'source::varchar',
};

const provincePartition = (expression: string): ExportColumn => ({
  name: 'province',
  type: 'VARCHAR',
  description:
    'Province code, the partition column (the folder province=PP), kept inside every Parquet file; not in CSV or DuckDB exports',
  expression,
  partitionOnly: true,
});

function eventInScope(s: ExportScope): string {
  return `(${s.inside('venue_village_code')} or id in (select event_id from mentoring_event_villages where ${s.inside('village_code')}))
    and ${s.inYears('year(start_date)')}`;
}

const eventOfScope = (s: ExportScope) =>
  `event_id in (select id from mentoring_events where ${eventInScope(s)})`;

export const EXPORT_TABLES: readonly ExportTable[] = [
  {
    name: 'observations',
    exportNote:
      "The columns are pandu import's format plus the source kind, so `pandu import --replace` reads the file back and changes nothing.",
    scoping: 'villages in the region; years in the range',
    where: (s) => `${s.inside('village_code')} and ${s.inYears('year')}`,
    orderBy: 'village_code, year, indicator',
    partitionedBy: { villageColumn: 'village_code' },
    columns: [
      {
        name: 'village_code',
        type: 'VARCHAR',
      },
      { name: 'year', type: 'SMALLINT' },
      {
        name: 'indicator',
        type: 'VARCHAR',
        // Stored as an ENUM; exported as text, as documented.
        expression: 'indicator::varchar',
      },
      {
        name: 'value',
        type: 'DOUBLE',
        unit: "the indicator's unit",
      },
      source,
      provincePartition('substr(village_code, 1, 2)'),
    ],
  },
  {
    name: 'village_index',
    scoping: 'villages in the region; years in the range',
    where: (s) => `${s.inside('village_code')} and ${s.inYears('year')}`,
    orderBy: 'village_code, year',
    partitionedBy: { villageColumn: 'village_code' },
    columns: [
      { name: 'village_code', type: 'VARCHAR' },
      { name: 'year', type: 'SMALLINT' },
      { name: 'province_code', type: 'VARCHAR' },
      { name: 'regency_code', type: 'VARCHAR' },
      { name: 'district_code', type: 'VARCHAR' },
      {
        name: 'kind',
        type: 'VARCHAR',
      },
      {
        name: 'digital_skills',
        type: 'DOUBLE',
        unit: 'score 1-5',
      },
      {
        name: 'digital_ethics',
        type: 'DOUBLE',
        unit: 'score 1-5',
      },
      {
        name: 'digital_safety',
        type: 'DOUBLE',
        unit: 'score 1-5',
      },
      {
        name: 'digital_culture',
        type: 'DOUBLE',
        unit: 'score 1-5',
      },
      {
        name: 'skills_index',
        type: 'DOUBLE',
        unit: 'score 1-5',
      },
      {
        name: 'skills_index_geometric',
        type: 'DOUBLE',
        unit: 'score 1-5',
      },
      {
        name: 'access_index',
        type: 'DOUBLE',
        unit: 'percent',
      },
      {
        name: 'outcomes_index',
        type: 'DOUBLE',
        unit: 'percent',
      },
      {
        name: 'indicators_used',
        type: 'SMALLINT',
      },
      source,
      provincePartition('province_code'),
    ],
  },
  {
    name: 'regions',
    scoping: 'the region, every region under it, and the regions above it up to its province',
    where: (s) => s.insideOrAbove('code'),
    orderBy: 'code',
    columns: [
      {
        name: 'code',
        type: 'VARCHAR',
      },
      {
        name: 'name',
        type: 'VARCHAR',
      },
      { name: 'level', type: 'VARCHAR' },
      {
        name: 'parent_code',
        type: 'VARCHAR',
      },
      { name: 'province_code', type: 'VARCHAR' },
      {
        name: 'regency_code',
        type: 'VARCHAR',
      },
      {
        name: 'district_code',
        type: 'VARCHAR',
      },
      {
        name: 'kind',
        type: 'VARCHAR',
      },
      {
        name: 'search_name',
        type: 'VARCHAR',
      },
    ],
  },
  {
    name: 'indicators',
    exportNote: 'The same definitions are listed under Indicators above.',
    orderBy: 'position',
    columns: [
      { name: 'id', type: 'VARCHAR' },
      { name: 'level', type: 'VARCHAR' },
      {
        name: 'pillar',
        type: 'VARCHAR',
      },
      { name: 'label_id', type: 'VARCHAR' },
      { name: 'label_en', type: 'VARCHAR' },
      { name: 'description_id', type: 'VARCHAR' },
      { name: 'description_en', type: 'VARCHAR' },
      { name: 'unit', type: 'VARCHAR' },
      { name: 'range_min', type: 'DOUBLE' },
      { name: 'range_max', type: 'DOUBLE' },
      {
        name: 'direction',
        type: 'VARCHAR',
      },
      { name: 'position', type: 'INTEGER' },
    ],
  },
  {
    name: 'region_population',
    scoping: 'the province of the region and its regencies, or the region and the regions above it',
    where: (s) => s.insideOrAbove('code'),
    orderBy: 'code',
    columns: [
      { name: 'code', type: 'VARCHAR' },
      { name: 'level', type: 'VARCHAR' },
      { name: 'male', type: 'BIGINT', unit: 'people' },
      { name: 'female', type: 'BIGINT', unit: 'people' },
      { name: 'total', type: 'BIGINT', unit: 'people' },
      { name: 'area_km2', type: 'DOUBLE', unit: 'km2' },
      { name: 'density', type: 'DOUBLE', unit: 'people per km2' },
    ],
  },
  REGION_FIGURES_TABLE,
  {
    name: 'published_figures',
    scoping: "national figures and the region's province; years in the range",
    where: (s) => `(region_code is null or ${s.province('region_code')}) and ${s.inYears('year')}`,
    orderBy: 'dataset, year, region_code nulls first, measure',
    columns: [
      { name: 'dataset', type: 'VARCHAR' },
      {
        name: 'region_code',
        type: 'VARCHAR',
      },
      { name: 'year', type: 'SMALLINT' },
      { name: 'measure', type: 'VARCHAR' },
      {
        name: 'value',
        type: 'DOUBLE',
        unit: 'ILD 1-5, IP-TIK 0-10, IMDI 0-100',
      },
      { name: 'note', type: 'VARCHAR' },
      { name: 'citation', type: 'VARCHAR' },
    ],
  },
  {
    name: 'mentoring_events',
    scoping:
      'events held in the region or with a participating village in it, starting in the range of years; an event is exported whole',
    where: eventInScope,
    orderBy: 'start_date, id',
    columns: [
      { name: 'id', type: 'VARCHAR' },
      { name: 'title', type: 'VARCHAR' },
      { name: 'start_date', type: 'DATE' },
      { name: 'end_date', type: 'DATE' },
      {
        name: 'format',
        type: 'VARCHAR',
      },
      { name: 'sessions', type: 'INTEGER' },
      { name: 'venue_village_code', type: 'VARCHAR' },
      { name: 'venue_name', type: 'VARCHAR' },
      { name: 'participants_total', type: 'INTEGER' },
      {
        name: 'village_count',
        type: 'INTEGER',
      },
      { name: 'organisers', type: 'VARCHAR' },
      { name: 'notes', type: 'VARCHAR' },
      source,
      {
        name: 'batch_id',
        type: 'INTEGER',
      },
    ],
  },
  {
    name: 'mentoring_event_sectors',
    exportNote: '(see Sectors above).',
    scoping: 'the exported events',
    where: eventOfScope,
    orderBy: 'event_id, sector',
    columns: [
      { name: 'event_id', type: 'VARCHAR' },
      { name: 'sector', type: 'VARCHAR' },
    ],
  },
  {
    name: 'mentoring_event_villages',
    exportNote:
      'An event is exported whole, so some villages may lie outside the scope (and outside regions).',
    scoping: 'the exported events',
    where: eventOfScope,
    orderBy: 'event_id, village_code',
    columns: [
      { name: 'event_id', type: 'VARCHAR' },
      { name: 'village_code', type: 'VARCHAR' },
    ],
  },
  {
    name: 'mentoring_event_participants',
    scoping: 'the exported events',
    where: eventOfScope,
    orderBy: 'event_id, role',
    columns: [
      { name: 'event_id', type: 'VARCHAR' },
      {
        name: 'role',
        type: 'VARCHAR',
      },
      { name: 'count', type: 'INTEGER' },
    ],
  },
  {
    name: 'volunteers',
    scoping:
      'volunteers whose home region is in the region or contains it (a regency-level home serves every village of the regency); not limited by years',
    where: (s) => s.insideOrAbove('home_region_code'),
    orderBy: 'id',
    columns: [
      { name: 'id', type: 'VARCHAR' },
      {
        name: 'tier',
        type: 'VARCHAR',
      },
      { name: 'sector', type: 'VARCHAR' },
      { name: 'home_region_code', type: 'VARCHAR' },
      { name: 'joined_year', type: 'SMALLINT' },
      source,
    ],
  },
  {
    name: 'planted_effects',
    orderBy: 'sector, indicator',
    columns: [
      { name: 'sector', type: 'VARCHAR' },
      { name: 'indicator', type: 'VARCHAR' },
      {
        name: 'effect',
        type: 'DOUBLE',
        unit: "the indicator's unit",
      },
    ],
  },
  {
    name: 'import_batches',
    orderBy: 'id',
    columns: [
      { name: 'id', type: 'INTEGER' },
      { name: 'kind', type: 'VARCHAR' },
      { name: 'file_name', type: 'VARCHAR' },
      { name: 'content_hash', type: 'VARCHAR' },
      { name: 'rows_accepted', type: 'BIGINT' },
      {
        name: 'rows_rejected',
        type: 'BIGINT',
      },
      { name: 'replaced', type: 'BIGINT' },
      { name: 'created_at', type: 'TIMESTAMP' },
    ],
  },
  {
    name: 'dataset_meta',
    orderBy: 'key',
    columns: [
      { name: 'key', type: 'VARCHAR' },
      { name: 'value', type: 'VARCHAR' },
    ],
  },
  {
    name: 'audit_log',
    exportNote:
      "Always the whole log, whatever the scope: it records versions of the dataset, not regions. Who published a version (actor_name) is left out of exports, which may be public: the data directory's history.jsonl keeps it for its operators.",
    orderBy: 'version',
    columns: [
      { name: 'version', type: 'INTEGER' },
      { name: 'previous_version', type: 'INTEGER' },
      { name: 'published_at', type: 'TIMESTAMP' },
      { name: 'actor_kind', type: 'VARCHAR' },
      { name: 'action', type: 'VARCHAR' },
      { name: 'file_name', type: 'VARCHAR' },
      { name: 'file_sha256', type: 'VARCHAR' },
      { name: 'rows_accepted', type: 'BIGINT' },
      { name: 'rows_rejected', type: 'BIGINT' },
      { name: 'rows_replaced', type: 'BIGINT' },
      { name: 'summary', type: 'VARCHAR' },
    ],
  },
];

/** An export table with the meaning of the table and of each of its columns. */
export interface DescribedTable extends ExportTable {
  description: string;
  columns: ReadonlyArray<ExportColumn & { description: string }>;
}

/**
 * The export's tables with what they mean, taken from the database: a table's comment (then its
 * export note), a stored column's comment, and a computed column's own description. Throws,
 * naming the table or column, when the database has no comment for it: its migrations have not
 * all run (a file opened read-only is not migrated), and a dictionary with a blank must not be
 * written.
 *
 * @example
 * ```ts
 * const [observations] = describeExportTables(await readSchemaComments(db));
 * observations.columns[3]; // { name: 'value', type: 'DOUBLE', unit: ..., description: "Value, inside ..." }
 * ```
 */
export function describeExportTables(comments: SchemaComments): DescribedTable[] {
  const missing = (what: string) =>
    new Error(
      `the database has no comment on ${what}: its migrations have not all run (open it once without readOnly)`,
    );
  return EXPORT_TABLES.map((table) => {
    const stored = comments[table.name];
    const comment = table.comment ?? stored?.comment;
    if (!comment) throw missing(`table ${table.name}`);
    return {
      ...table,
      description: table.exportNote ? `${comment} ${table.exportNote}` : comment,
      columns: table.columns.map((column) => {
        const description =
          stored?.columns[column.name] === undefined
            ? column.description
            : stored.columns[column.name];
        if (!description) throw missing(`column ${table.name}.${column.name}`);
        return { ...column, description };
      }),
    };
  });
}

/** The columns a table has in a format: the partition column only in Parquet. */
export function exportColumns<C extends ExportColumn>(
  table: { columns: readonly C[] },
  format: ExportFormat,
): C[] {
  return table.columns.filter((c) => !c.partitionOnly || format === 'parquet');
}

/**
 * The SELECT that produces a table's rows for a scope and format, optionally narrowed further
 * (one partition).
 *
 * @example
 * ```ts
 * exportSelect(EXPORT_TABLES[0], 'csv', createExportScope(null, { from: 2024 }));
 * // select village_code, year, indicator, value, source from observations where true and year >= 2024 order by ...
 * ```
 */
export function exportSelect(
  table: ExportTable,
  format: ExportFormat,
  scope: ExportScope,
  narrower?: string,
): string {
  const list = exportColumns(table, format)
    .map((c) => (c.expression ? `${c.expression} as ${c.name}` : c.name))
    .join(', ');
  const where = [table.where?.(scope) ?? 'true', narrower ?? 'true'].join(' and ');
  const from = table.source ? `(${table.source(scope)}) as ${table.name}` : table.name;
  return `select ${list} from ${from} where ${where} order by ${table.orderBy}`;
}
