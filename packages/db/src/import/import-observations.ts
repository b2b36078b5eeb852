import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { FRAMEWORK, OBSERVATION_YEARS } from '@pandu/domain';
import type { Database } from '../schema/database.js';
import { rebuildVillageIndex } from '../village-index/rebuild-village-index.js';
import { sqlLiteral } from '../seed/sql-literal.js';
import { createCsvRecordLines } from './create-csv-record-lines.js';
import { detectFileFormat } from './detect-file-format.js';
import { fileSha256, readableErrorMessage } from './file-sha256.js';
import {
  ImportRejectedError,
  type ImportProgress,
  type ImportResult,
  type Rejection,
} from './import-types.js';

/** The observation file format: one row per value. */
export const OBSERVATION_COLUMNS = ['village_code', 'year', 'indicator', 'value'] as const;
/**
 * Columns a file may add: `source` (synthetic, published or imported; default imported), so that
 * an export re-imports unchanged, and `province`, the partition column of a Parquet export, which
 * must agree with the village code.
 */
export const OPTIONAL_OBSERVATION_COLUMNS = ['source', 'province'] as const;
const SOURCES = ['synthetic', 'published', 'imported'];

export interface ImportOptions {
  /** Overwrite values already in the database for the same village, year and indicator. */
  replace?: boolean;
  onProgress?: (progress: ImportProgress) => void;
}

const STEPS = ['reading', 'validating', 'writing', 'indexing', 'done'];

/**
 * Import observations from a CSV or Parquet file with the columns `village_code, year, indicator,
 * value` (optionally `source`, `province`). All or nothing: the file is read into a staging table
 * and validated in DuckDB (missing or unknown columns, unparseable lines, types, unknown villages
 * and indicators, values outside the indicator's range, years outside 2000-2100, duplicate keys in
 * the file, keys already stored unless `replace`); any rejection throws {@link ImportRejectedError}
 * naming every rejected row and nothing is written. Otherwise one transaction writes the values,
 * rebuilds the village index of the villages touched, records the batch and bumps the data version.
 * The transaction also makes a killed import leave the database as it was.
 *
 * @example
 * ```ts
 * const result = await importObservations(db, 'survey-2025.csv', { replace: true });
 * result.accepted; // 12,400
 * ```
 */
export async function importObservations(
  db: Kysely<Database>,
  file: string,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const fileName = basename(file);
  const progress = (step: string) =>
    options.onProgress?.({ step, done: STEPS.indexOf(step), total: STEPS.length - 1 });
  const reject = (rejections: Rejection[]): never => {
    throw new ImportRejectedError(fileName, rejections);
  };
  const fileProblem = (reason: string, column: string | null = null) =>
    reject([{ row: null, column, value: null, reason }]);

  const info = await stat(file).catch(() => null);
  if (!info) return fileProblem(`file not found: ${file}`);
  if (!info.isFile()) return fileProblem(`not a file: ${file}`);
  progress('reading');
  const detected = await detectFileFormat(file);
  if (detected.format === 'invalid') return reject([detected.rejection]);
  // Hashed while DuckDB reads and validates: the hash is only needed for the batch record.
  const contentHash = fileSha256(file);

  return db.transaction().execute(async (trx) => {
    const path = sqlLiteral(file);
    let columns: string[];
    if (detected.format === 'csv') {
      columns = detected.header;
    } else {
      const described = await sql<{ column_name: string }>`
        describe select * from read_parquet(${sql.raw(path)})`
        .execute(trx)
        .catch((error: unknown) =>
          fileProblem(`the Parquet file cannot be read: ${readableErrorMessage(error)}`),
        );
      columns = described.rows.map((r) => r.column_name);
    }
    const columnRejections = checkColumns(columns);
    if (columnRejections.length > 0) reject(columnRejections);
    const has = (c: string) => columns.includes(c);
    const optional = OPTIONAL_OBSERVATION_COLUMNS.filter(has);

    if (detected.format === 'csv') {
      // all_varchar and explicit columns: every value arrives as text, so a bad value becomes a
      // named row-level rejection instead of a failed cast; lines that do not parse (wrong field
      // count, unterminated quotes) go to DuckDB's rejects table with their line number.
      const spec = columns.map((c) => `${sqlLiteral(c)}: 'VARCHAR'`).join(', ');
      await sql
        .raw(
          `create or replace temp table import_parsed as
          select * from read_csv(${path}, header = true, auto_detect = false, delim = ',',
            quote = '"', escape = '"', columns = {${spec}}, ignore_errors = true,
            store_rejects = true, rejects_table = 'import_csv_errors', rejects_scan = 'import_csv_scans')`,
        )
        .execute(trx)
        .catch((error: unknown) =>
          fileProblem(`the CSV file cannot be read: ${readableErrorMessage(error)}`),
        );
      // A view, not a copy: 2M rows need not be written twice. Rows are stored in file order
      // (DuckDB preserves insertion order); inside a transaction a new table's rowids start at a
      // large offset, so the ordinal k is counted from the smallest rowid. The line a row is named
      // by is only worked out when something is rejected (see createCsvRecordLines).
      await sql
        .raw(
          `create or replace temp view import_staging as
          select rowid - (select min(rowid) from import_parsed) + 1 as k, * from import_parsed`,
        )
        .execute(trx);
    } else {
      const select = [...OBSERVATION_COLUMNS, ...optional]
        .map((c) => `${c}::varchar as ${c}`)
        .join(', ');
      await sql
        .raw(
          `create or replace temp table import_staging as
          select file_row_number + 1 as k, ${select}
          from read_parquet(${path}, file_row_number = true)`,
        )
        .execute(trx);
    }

    progress('validating');
    const parseErrors =
      detected.format === 'csv'
        ? (
            await sql<Rejection>`
              select line::integer as row, column_name as "column",
                trim(csv_line, e'\r\n') as value,
                lower(error_type) || ': ' || error_message as reason
              from import_csv_errors
              -- A short line has one error per missing column; the first names it well enough.
              qualify row_number() over (partition by line order by column_idx nulls first) = 1
              order by line`.execute(trx)
          ).rows
        : [];
    const rows = await sql<{ n: number }>`select count(*) as n from import_staging`.execute(trx);
    const dataRows = rows.rows[0]?.n ?? 0;
    if (dataRows === 0 && parseErrors.length === 0) fileProblem('the file has no data rows');

    // The rows with the line (CSV) or index (Parquet) they are named by; only built for listing.
    const numberRows = async () => {
      if (detected.format === 'parquet') {
        await sql`create or replace temp view import_numbered as
          select k as row, * exclude (k) from import_staging`.execute(trx);
        return;
      }
      await createCsvRecordLines(trx, {
        file,
        parsedTable: 'import_parsed',
        errorsTable: 'import_csv_errors',
        target: 'import_lines',
      });
      await sql`create or replace temp table import_numbered as
        select l.line as row, s.* exclude (k) from import_staging s join import_lines l using (k)`.execute(
        trx,
      );
    };
    const rejections = [
      ...parseErrors,
      ...(await validateRows(trx, optional, options.replace ?? false, numberRows)),
    ];
    if (rejections.length > 0) {
      rejections.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
      reject(rejections);
    }

    progress('writing');
    // Typed once (validation proved every cast succeeds), then used to delete, insert and index.
    await sql
      .raw(
        `create or replace temp table import_rows as
        select village_code, year::smallint as year, indicator, value::double as value,
          ${has('source') ? 'source' : `'imported'`} as source from import_staging`,
      )
      .execute(trx);
    let replaced = 0;
    if (options.replace) {
      const deleted = await sql`delete from observations o using import_rows r
          where o.village_code = r.village_code and o.year = r.year and o.indicator = r.indicator`.execute(
        trx,
      );
      replaced = Number(deleted.numAffectedRows ?? 0);
    }
    const batch = await sql<{ id: number }>`
      select coalesce(max(id), 0) + 1 as id from import_batches`.execute(trx);
    const batchId = batch.rows[0]?.id ?? 1;
    await sql`insert into observations
      select village_code, year, indicator, value, source, ${batchId} from import_rows`.execute(
      trx,
    );

    progress('indexing');
    await sql`create or replace temp table import_villages as
      select distinct village_code from import_rows`.execute(trx);
    const villages = await sql<{ n: number }>`select count(*) as n from import_villages`.execute(
      trx,
    );
    await rebuildVillageIndex(trx, { villageCodesTable: 'import_villages' });
    await trx
      .insertInto('import_batches')
      .values({
        id: batchId,
        kind: 'observations',
        file_name: fileName,
        content_hash: await contentHash,
        rows_accepted: dataRows,
        rows_rejected: 0,
        replaced,
      })
      .execute();
    const version = await sql<{ v: string }>`
      insert into dataset_meta values ('data_version', '1')
      on conflict (key) do update set value = (dataset_meta.value::integer + 1)::varchar
      returning value as v`.execute(trx);
    // A failed statement would abort the transaction, so drop each object as what it is.
    if (detected.format === 'csv') await sql`drop view import_staging`.execute(trx);
    else await sql`drop table import_staging`.execute(trx);
    for (const table of ['import_rows', 'import_villages', 'import_parsed']) {
      await sql`drop table if exists ${sql.table(table)}`.execute(trx);
    }
    progress('done');
    return {
      batchId,
      fileName,
      format: detected.format,
      accepted: dataRows,
      replaced,
      villages: villages.rows[0]?.n ?? 0,
      dataVersion: Number(version.rows[0]?.v ?? 1),
    };
  });
}

function checkColumns(columns: readonly string[]): Rejection[] {
  const known = new Set<string>([...OBSERVATION_COLUMNS, ...OPTIONAL_OBSERVATION_COLUMNS]);
  const expected = `expected ${OBSERVATION_COLUMNS.join(', ')} (optional: ${OPTIONAL_OBSERVATION_COLUMNS.join(', ')}); found ${columns.join(', ')}`;
  const out: Rejection[] = [];
  if (!OBSERVATION_COLUMNS.some((c) => columns.includes(c))) {
    // None of the expected names: this is not an observations file at all (a README, a licence,
    // another table); one file-level rejection says so instead of one per column.
    return [
      {
        row: null,
        column: null,
        value: columns.join(','),
        reason: `this is not an observations file: its first line is not the header ${OBSERVATION_COLUMNS.join(',')}`,
      },
    ];
  }
  for (const c of OBSERVATION_COLUMNS) {
    if (!columns.includes(c)) {
      const near = columns.find((f) => f.trim().toLowerCase() === c);
      out.push({
        row: null,
        column: c,
        value: null,
        reason: near
          ? `column ${c} is missing; did you mean ${JSON.stringify(near)}? Names are exact and lower-case (${expected})`
          : `column ${c} is missing (${expected})`,
      });
    }
  }
  for (const c of columns) {
    if (!known.has(c)) {
      out.push({ row: null, column: c, value: null, reason: `unknown column (${expected})` });
    }
  }
  const seen = new Set<string>();
  for (const c of columns) {
    if (seen.has(c))
      out.push({ row: null, column: c, value: null, reason: 'column appears twice' });
    seen.add(c);
  }
  return out;
}

async function validateRows(
  trx: Kysely<Database>,
  optional: readonly string[],
  replace: boolean,
  numberRows: () => Promise<void>,
): Promise<Rejection[]> {
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
      // Each check first lets a valid value through with one test; only failures pay for the
      // tests that pick the message.
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
        when i.id is null then 'is not a known indicator (known: ${indicators})' end`,
    ],
    [
      'value',
      `case when ${num} between i.range_min and i.range_max then null
        when s.value is null or trim(s.value) = '' then 'is missing'
        when ${num} is null then 'is not a number'
        when not isfinite(${num}) then 'is not a finite number'
        when i.id is not null and ${num} not between i.range_min and i.range_max
          then 'is outside the valid range of ' || i.id || ', ' || i.range_min || ' to ' || i.range_max || ' (' || i.unit || ')' end`,
    ],
  ];
  if (optional.includes('source')) {
    checks.push([
      'source',
      `case when s.source is null or s.source not in (${SOURCES.map(sqlLiteral).join(', ')})
        then 'is not a source kind (synthetic, published or imported)' end`,
    ]);
  }
  if (optional.includes('province')) {
    checks.push([
      'province',
      `case when s.province is distinct from substr(s.village_code, 1, 2)
        then 'does not match the village code''s province ' || coalesce(substr(s.village_code, 1, 2), '') end`,
    ]);
  }
  // The counts read import_staging; the listing reads import_numbered, the same rows with the
  // row number each is named by.
  const from = (table: string) => `${table} s
    left join regions r on r.code = s.village_code and r.level = 'village'
    left join indicators i on i.id = s.indicator`;
  const duplicates = `select row, null as col, village_code || ' ' || year || ' ' || indicator as val,
      'duplicates row ' || first || ' (same village_code, year and indicator)' as reason
    from (select *, min(row) over (partition by village_code, try_cast(year as double), indicator) as first
      from import_numbered where try_cast(year as double) is not null)
    where row <> first`;
  const existing = (table: string) => `select ${table === 'import_numbered' ? 's.row' : '1 as row'},
      null as col, s.village_code || ' ' || s.year || ' ' || s.indicator as val,
      'is already in the database (use --replace to overwrite it)' as reason
    from ${table} s join observations o on o.village_code = s.village_code
      and o.year = try_cast(s.year as double) and o.indicator = s.indicator`;

  // Fast path: most files are clean, so first count problems in one pass each; only a file with
  // problems pays for listing them.
  const counts = await sql<{ bad: number; dup: number; old: number }>`
    select
      (select count(*) from ${sql.raw(from('import_staging'))}
        where ${sql.raw(checks.map(([, reason]) => `(${reason}) is not null`).join(' or '))}) as bad,
      (select count(*) from (
        select 1 from import_staging group by village_code, try_cast(year as double), indicator
        having count(*) > 1)) as dup,
      ${replace ? sql`0` : sql.raw(`(select count(*) from (${existing('import_staging')}))`)} as old`.execute(
    trx,
  );
  const c = counts.rows[0];
  if (!c || (c.bad === 0 && c.dup === 0 && c.old === 0)) return [];

  await numberRows();
  const listed = [
    `select row, c.col, c.val, c.reason from (
      select s.row, unnest([${checks
        .map(([column, reason]) => `{'col': '${column}', 'val': s.${column}, 'reason': ${reason}}`)
        .join(', ')}]) as c
      from ${from('import_numbered')}) where c.reason is not null`,
    duplicates,
    ...(replace ? [] : [existing('import_numbered')]),
  ];
  const result = await sql<Rejection>`
    select row::integer as row, col as "column", val as value, reason from (
      ${sql.raw(listed.join('\nunion all\n'))}
    ) order by row, col`.execute(trx);
  return result.rows;
}
