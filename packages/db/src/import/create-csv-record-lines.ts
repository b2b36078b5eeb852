import { createReadStream } from 'node:fs';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema/database.js';

/**
 * Create the temporary table `target (k, line)`: for the k-th row that `read_csv` returned from
 * `file` (stored in `parsedTable`), the line a user is told about. Lines are counted the way
 * DuckDB's CSV rejects table counts them, so parsed rows and unparseable lines share one
 * numbering: the header is line 1, every record is one line (a quoted field spanning lines does
 * not add one), and blank lines count, as they do in an editor.
 *
 * DuckDB skips blank lines without a trace, so the k-th parsed row is the k-th record, from line 2,
 * that is neither blank nor one DuckDB rejected (`errorsTable`). Only a rejected import pays for
 * finding the blank lines.
 *
 * @example
 * ```ts
 * await createCsvRecordLines(trx, {
 *   file: 'survey.csv', parsedTable: 'import_parsed', errorsTable: 'import_csv_errors', target: 'import_lines',
 * });
 * // select l.line, p.* from parsed p join import_lines l using (k)
 * ```
 */
export async function createCsvRecordLines(
  db: Kysely<Database>,
  {
    file,
    parsedTable,
    errorsTable,
    target,
  }: { file: string; parsedTable: string; errorsTable: string; target: string },
): Promise<void> {
  const blanks = await blankCsvRecords(file);
  await sql
    .raw(
      `create or replace temp table ${target} as
      select row_number() over (order by line) as k, line::integer as line
      from range(2, 2 + (select count(*) from ${parsedTable})
        + (select count(distinct line) from ${errorsTable}) + ${blanks.length}) r(line)
      where line not in (select line from ${errorsTable})
        and line not in (select unnest([${blanks.join(', ')}]::integer[]))`,
    )
    .execute(db);
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

/**
 * The blank records of a CSV file, numbered like DuckDB's rejects table. No DuckDB reader keeps
 * them: a multi-column read skips them, and a one-column read cannot tell a blank line from an
 * empty first field. So this scans the bytes once with the reader's rules: a double quote opens a
 * quoted field only at the start of a field, `""` inside one is a quote, a line break inside one
 * does not end the record, and a record holding nothing but a carriage return is blank.
 */
async function blankCsvRecords(file: string): Promise<number[]> {
  const blanks: number[] = [];
  let record = 1;
  let empty = true;
  let fieldStart = true;
  let quoted = false;
  let quoteSeen = false; // inside a quoted field, the last byte was a quote: closing or escaping
  for await (const chunk of createReadStream(file)) {
    const bytes = chunk as Buffer;
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i];
      if (quoted) {
        if (quoteSeen) {
          quoteSeen = false;
          if (b === QUOTE) continue; // "" inside a quoted field
          quoted = false; // the quote closed the field; this byte is read below
        } else {
          if (b === QUOTE) quoteSeen = true;
          continue;
        }
      }
      if (b === LF) {
        if (empty) blanks.push(record);
        record++;
        empty = true;
        fieldStart = true;
      } else if (b !== CR) {
        if (b === QUOTE && fieldStart) quoted = true;
        fieldStart = b === COMMA;
        empty = false;
      }
    }
  }
  return blanks;
}
