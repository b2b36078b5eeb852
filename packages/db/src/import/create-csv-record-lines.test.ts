import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../open-database.js';
import { sqlLiteral } from '../sql/index.js';
import { createCsvRecordLines } from './create-csv-record-lines.js';

describe('createCsvRecordLines', () => {
  it('names each parsed row by the line DuckDB would name it, blank lines and quoted breaks included', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pandu-lines-'));
    const db = await openDatabase(':memory:');
    try {
      // Expected lines by hand: a quoted field spanning lines is one record (one line), blank
      // lines count, and lines DuckDB rejects keep their number.
      const lines = [
        '\uFEFFid,a,b', // 1: header (with a BOM)
        '', // 2: blank
        'r3,"x, with a ""quote""",y', // 3
        'r4,"spans', // 4: one record over two physical lines
        'two lines, with a comma",y',
        '', // 5: blank
        '', // 6: blank
        'r7,too,many,fields', // 7: rejected by DuckDB
        'r8,a"b,y', // 8: a quote inside an unquoted field opens nothing
        '', // 9: blank
        'r10,,', // 10: empty fields are not a blank line
        '"r11",x,y', // 11
        '', // 12: trailing blank
      ];
      const file = join(dir, 'mixed.csv');
      await writeFile(file, lines.join('\r\n'));
      await sql
        .raw(
          `create temp table parsed as select * from read_csv(${sqlLiteral(file)}, header = true,
            auto_detect = false, delim = ',', quote = '"', escape = '"',
            columns = {'id': 'VARCHAR', 'a': 'VARCHAR', 'b': 'VARCHAR'}, ignore_errors = true,
            store_rejects = true, rejects_table = 'errors', rejects_scan = 'scans')`,
        )
        .execute(db);
      await createCsvRecordLines(db, {
        file,
        parsedTable: 'parsed',
        errorsTable: 'errors',
        target: 'lines',
      });
      const named = await sql<{ id: string; line: number }>`
        select p.id, l.line from (select rowid - (select min(rowid) from parsed) + 1 as k, id from parsed) p
        join lines l using (k) order by l.line`.execute(db);
      expect(named.rows.map((r) => [r.id, r.line])).toEqual([
        ['r3', 3],
        ['r4', 4],
        ['r8', 8],
        ['r10', 10],
        ['r11', 11],
      ]);
      const errors = await sql<{
        line: number;
      }>`select distinct line::integer as line from errors`.execute(db);
      expect(errors.rows).toEqual([{ line: 7 }]);
    } finally {
      await db.destroy();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
