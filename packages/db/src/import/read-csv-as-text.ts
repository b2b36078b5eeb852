import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema/database.js';
import { sqlLiteral } from '../sql/index.js';
import { createCsvRecordLines } from './create-csv-record-lines.js';
import { readableErrorMessage } from './file-sha256.js';
import type { Rejection } from './import-types.js';

/** A file the import could not read at all: one file-level rejection. */
export class UnreadableFileError extends Error {
  override readonly name = 'UnreadableFileError';
}

/** The temporary objects {@link readCsvAsText} creates for a prefix, to drop when done. */
export function csvTextObjects(prefix: string): { tables: string[]; views: string[] } {
  return {
    tables: [`${prefix}_parsed`, `${prefix}_lines`, `${prefix}_csv_errors`, `${prefix}_csv_scans`],
    views: [`${prefix}_text`],
  };
}

/**
 * Read a CSV file with every column as text, so a bad value can be quoted as written: creates the
 * view `<prefix>_text` of `row` (the line as an editor numbers it: the header is line 1, blank
 * lines count, a quoted field spanning lines is one record; see createCsvRecordLines) and the
 * file's columns, and returns the lines that do not parse (wrong field count, unterminated
 * quotes) as rejections in line order. Throws {@link UnreadableFileError} when DuckDB cannot read
 * the file at all. The temporary objects ({@link csvTextObjects}) stay on the connection.
 *
 * @example
 * ```ts
 * const parseErrors = await readCsvAsText(trx, { file: 'events.csv', columns: header, prefix: 'mentoring_import' });
 * // select * from mentoring_import_text: row, event_id, start_date, ...
 * ```
 */
export async function readCsvAsText(
  db: Kysely<Database>,
  { file, columns, prefix }: { file: string; columns: readonly string[]; prefix: string },
): Promise<Rejection[]> {
  const spec = columns.map((c) => `${sqlLiteral(c)}: 'VARCHAR'`).join(', ');
  await sql
    .raw(
      `create or replace temp table ${prefix}_parsed as
      select * from read_csv(${sqlLiteral(file)}, header = true, auto_detect = false, delim = ',',
        quote = '"', escape = '"', columns = {${spec}}, ignore_errors = true,
        store_rejects = true, rejects_table = '${prefix}_csv_errors',
        rejects_scan = '${prefix}_csv_scans')`,
    )
    .execute(db)
    .catch((error: unknown) => {
      throw new UnreadableFileError(`the CSV file cannot be read: ${readableErrorMessage(error)}`);
    });
  await createCsvRecordLines(db, {
    file,
    parsedTable: `${prefix}_parsed`,
    errorsTable: `${prefix}_csv_errors`,
    target: `${prefix}_lines`,
  });
  // Rows are stored in file order; inside a transaction a new table's rowids start at a large
  // offset, so the ordinal k is counted from the smallest rowid.
  await sql
    .raw(
      `create or replace temp view ${prefix}_text as
      select l.line as row, p.* exclude (k)
      from (select rowid - (select min(rowid) from ${prefix}_parsed) + 1 as k, *
        from ${prefix}_parsed) p
      join ${prefix}_lines l on l.k = p.k`,
    )
    .execute(db);
  const errors = await sql
    .raw<Rejection>(
      `
    select line::integer as row, column_name as "column",
      trim(csv_line, e'\\r\\n') as value,
      lower(error_type) || ': ' || error_message as reason
    from ${prefix}_csv_errors
    -- A short line has one error per missing column; the first names it well enough.
    qualify row_number() over (partition by line order by column_idx nulls first) = 1
    order by line`,
    )
    .execute(db);
  return errors.rows;
}
