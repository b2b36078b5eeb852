import { sql, type Kysely } from 'kysely';
import { FRAMEWORK, OBSERVATION_SOURCES, OBSERVATION_YEARS } from '@pandu/domain';
import type { Database } from '../schema/database.js';
import { sqlList, sqlLiteral, trustedSql } from '../sql/index.js';
import { MAX_LISTED_REJECTIONS, type Rejection } from './import-types.js';
import { UnreadableFileError, csvTextObjects, readCsvAsText } from './read-csv-as-text.js';

/** The temporary objects {@link listObservationRejections} creates on its connection. */
export const LISTING_OBJECTS = {
  tables: [...csvTextObjects('import').tables, 'import_files', 'import_rejections'],
  views: ['import_numbered', 'import_staging', ...csvTextObjects('import').views],
};

export { UnreadableFileError };

/**
 * Name every problem of an observations file, row by row: its lines that do not parse, and for each
 * parsed row each column that fails (missing, wrong type, unknown village or indicator, outside the
 * indicator's range or the years), duplicate keys in the file, and keys already stored unless
 * `replace`. The slow path of the import, taken only once a count has found a problem: the file is
 * read again with every column as text, so that each message can quote the value as written.
 * Every problem is counted (`total`); the first {@link MAX_LISTED_REJECTIONS} by file and row are
 * listed, so a file of millions of bad rows is not held in memory.
 *
 * Rows are named by the CSV line (the header is line 1, blank lines count; see
 * createCsvRecordLines) or by the Parquet row index from 1; with several Parquet files (a folder
 * import), each rejection also names its file by `relativeNames`, and a duplicate names the file
 * of the row it repeats. Runs on the caller's connection and
 * leaves its temporary objects ({@link LISTING_OBJECTS}) there for the caller to drop.
 *
 * @example
 * ```ts
 * const { rejections, total } = await listObservationRejections(conn, {
 *   file: 'survey.csv', format: 'csv', columns: ['village_code', 'year', 'indicator', 'value'], replace: false,
 * });
 * ```
 */
export async function listObservationRejections(
  db: Kysely<Database>,
  {
    files,
    relativeNames,
    format,
    columns,
    replace,
  }: {
    /** The file, or (Parquet only) the files read as one. */
    files: readonly string[];
    /** How rejections name each of `files`; empty for one file, whose rejections name none. */
    relativeNames: readonly string[];
    format: 'csv' | 'parquet';
    columns: readonly string[];
    replace: boolean;
  },
): Promise<{ rejections: Rejection[]; total: number }> {
  const file = files[0];
  if (file === undefined) throw new Error('listObservationRejections: no file');
  if (format === 'csv' && files.length > 1) {
    throw new Error('listObservationRejections: CSV files are listed one at a time');
  }
  const named =
    relativeNames.length === files.length && files.length > 0 && relativeNames.length > 0;
  const path = files.length === 1 ? sqlLiteral(file) : `[${files.map(sqlLiteral).join(', ')}]`;
  let parseErrors: Rejection[] = [];
  if (format === 'csv') {
    parseErrors = await readCsvAsText(db, { file, columns, prefix: 'import' });
    await sql`create or replace temp view import_numbered as
      select row, null::varchar as file, * exclude (row) from import_text`.execute(db);
  } else {
    const text = columns.map((c) => `${c}::varchar as ${c}`).join(', ');
    await sql
      .raw(
        `create or replace temp view import_staging as
        select file_row_number + 1 as k, filename as path, ${text}
        from read_parquet(${path}, file_row_number = true, filename = true, hive_partitioning = false)`,
      )
      .execute(db);
    const names = named
      ? files.map((f, i) => `(${sqlLiteral(f)}, ${sqlLiteral(relativeNames[i] ?? f)})`).join(', ')
      : `(${sqlLiteral(file)}, null)`;
    await sql
      .raw(
        `create or replace temp table import_files as
        select * from (values ${names}) t(path, name)`,
      )
      .execute(db);
    await sql`create or replace temp view import_numbered as
      select s.k as row, f.name::varchar as file, s.* exclude (k, path)
      from import_staging s join import_files f using (path)`.execute(db);
  }

  const indicators = FRAMEWORK.indicators.map((i) => i.id).join(', ');
  const { min, max } = OBSERVATION_YEARS;
  const num = 'try_cast(s.value as double)';
  // Through double, not integer: DuckDB casts the text '2030.5' to the integer 2031 without a
  // complaint, and a year must not be rounded into another one. '2030.0' (a float column written
  // out by pandas or a spreadsheet) is still a whole number.
  const year = 'try_cast(s.year as double)';
  // Each column's check: the reason it fails, or null. One scan evaluates them all.
  const checks: Array<[column: string, reason: string]> = [
    [
      'village_code',
      `case when r.code is not null then null
        when s.village_code is null or trim(s.village_code) = '' then 'is missing'
        when not regexp_full_match(s.village_code, '[0-9]{2}\\.[0-9]{2}\\.[0-9]{2}\\.[0-9]{4}')
          then 'is not a village code (PP.RR.DD.VVVV, e.g. 35.05.04.2014)'
        else 'is not a known village code' end`,
    ],
    [
      'year',
      `case when ${year} between ${min} and ${max} and ${year} = floor(${year}) then null
        when s.year is null or trim(s.year) = '' then 'is missing'
        when ${year} is null or not isfinite(${year}) or ${year} <> floor(${year})
          then 'is not a whole number'
        else 'is outside ${min}-${max}' end`,
    ],
    [
      'indicator',
      `case when i.id is not null then null
        when s.indicator is null or trim(s.indicator) = '' then 'is missing'
        else 'is not a known indicator (known: ${indicators})' end`,
    ],
    [
      'value',
      `case when ${num} between i.range_min and i.range_max then null
        when s.value is null or trim(s.value) = '' then 'is missing'
        when ${num} is null then 'is not a number'
        when not isfinite(${num}) then 'is not a finite number'
        when i.id is not null
          then 'is outside the valid range of ' || i.id || ', ' || i.range_min || ' to ' || i.range_max || ' (' || i.unit || ')' end`,
    ],
  ];
  if (columns.includes('source')) {
    checks.push([
      'source',
      `case when s.source is null or s.source not in ${sqlList(OBSERVATION_SOURCES)}
        then 'is not a source kind (synthetic, published or imported)' end`,
    ]);
  }
  if (columns.includes('province')) {
    checks.push([
      'province',
      `case when s.province is distinct from substr(s.village_code, 1, 2)
        then 'does not match the village code''s province ' || coalesce(substr(s.village_code, 1, 2), '') end`,
    ]);
  }
  const listed = [
    `select file, row, c.col, c.val, c.reason from (
      select s.file, s.row, unnest([${checks
        .map(([column, reason]) => `{'col': '${column}', 'val': s.${column}, 'reason': ${reason}}`)
        .join(', ')}]) as c
      from import_numbered s
      left join regions r on r.code = s.village_code and r.level = 'village'
      left join indicators i on i.id = s.indicator) where c.reason is not null`,
    `select file, row, null as col, village_code || ' ' || year || ' ' || indicator as val,
      'duplicates row ' || first.row || coalesce(' of ' || first.file, '')
        || ' (same village_code, year and indicator)' as reason
    from (select *, first_value({'file': file, 'row': row}) over (
        partition by village_code, try_cast(year as double), indicator order by file, row) as first
      from import_numbered where try_cast(year as double) is not null)
    where row <> first.row or file is distinct from first.file`,
    ...(replace
      ? []
      : [
          `select s.file, s.row, null as col, s.village_code || ' ' || s.year || ' ' || s.indicator as val,
            'is already in the database (use --replace to overwrite it)' as reason
          from import_numbered s join observations o on o.village_code = s.village_code
            and o.year = try_cast(s.year as double) and o.indicator = s.indicator`,
        ]),
  ];
  // Counted whole, listed up to the cap: a file of millions of bad rows stays out of memory.
  await sql`create or replace temp table import_rejections as
    select file, row::integer as row, col as "column", val as value, reason from (
      ${trustedSql(listed.join('\nunion all\n'))}
    )`.execute(db);
  const counted = await sql<{
    n: number;
  }>`select count(*)::integer as n from import_rejections`.execute(db);
  const result = await sql<Rejection & { file: string | null }>`
    select * from import_rejections order by file, row, "column"
    limit ${sql.lit(MAX_LISTED_REJECTIONS)}`.execute(db);
  const rows: Rejection[] = result.rows.map(({ file: name, ...r }) =>
    name === null ? r : { file: name, ...r },
  );
  const rejections = [...parseErrors, ...rows]
    .sort((a, b) => (a.file ?? '').localeCompare(b.file ?? '') || (a.row ?? 0) - (b.row ?? 0))
    .slice(0, MAX_LISTED_REJECTIONS);
  return { rejections, total: parseErrors.length + (counted.rows[0]?.n ?? 0) };
}
