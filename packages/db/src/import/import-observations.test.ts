import { spawn } from 'node:child_process';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../open-database.js';
import type { Database } from '../schema/database.js';
import { fileWriter, rejectionsOf, withCommitsRecorded } from './rejections-of.fixture.js';
import { seededTestDatabase, type SeededTestDatabase } from '../testing/seeded-test-database.js';
import { importObservations } from './import-observations.js';
import { ImportRejectedError, MAX_LISTED_REJECTIONS } from './import-types.js';
import { writeRejectsCsv } from './write-rejects-csv.js';

const PLOSOREJO = '35.05.04.2014';
const HEADER = 'village_code,year,indicator,value';

/** Everything an import may change, as one comparable value. */
async function snapshot(db: Kysely<Database>) {
  const r = await sql<Record<string, string | number>>`
    select (select count(*) from observations) as observations,
      (select sum(hash(village_code, year, indicator, value, source))::varchar from observations) as values,
      (select sum(hash(village_code, year, skills_index, access_index, outcomes_index))::varchar from village_index) as village_index,
      (select count(*) from import_batches) as batches,
      (select value from dataset_meta where key = 'data_version') as version`.execute(db);
  return r.rows[0];
}

describe('importObservations', () => {
  let t: SeededTestDatabase;
  let file: (name: string, content: string | Buffer) => Promise<string>;
  beforeAll(async () => {
    t = await seededTestDatabase(['35'], { writable: true });
    file = fileWriter(t.dir);
  });
  afterAll(() => t?.cleanup());

  it('names every rejected row, column and reason, and changes nothing', async () => {
    const before = await snapshot(t.db);
    const path = await file(
      'bad.csv',
      [
        HEADER,
        `${PLOSOREJO},2026,digital_skills,3.5`, // line 2: fine
        `${PLOSOREJO},2026,digital_ethics,3,5`, // 3: too many fields (decimal comma)
        `${PLOSOREJO},2026,digital_safety,9`, // 4: out of range
        `35.99.04.2014,2026,digital_culture,3`, // 5: unknown village
        `${PLOSOREJO},2026,digital_skills,3.6`, // 6: duplicates line 2
        `${PLOSOREJO},2021,digital_skills,3.6`, // 7: already stored
        `${PLOSOREJO},20x6,foo,`, // 8: bad year, unknown indicator, missing value
        `35.05.04,2026,digital_skills,abc`, // 9: not a village code, not a number
        `${PLOSOREJO},1999,digital_skills,3`, // 10: year out of range
      ].join('\n'),
    );
    const rejections = await rejectionsOf(importObservations(t.db, path));
    const brief = rejections.map((r) => [r.row, r.column, r.reason.split(' (')[0]]);
    expect(brief).toEqual([
      [3, null, 'too many columns: Expected Number of Columns: 4 Found: 5'],
      [4, 'value', 'is outside the valid range of digital_safety, 1.0 to 5.0'],
      [5, 'village_code', 'is not a known village code'],
      [6, null, 'duplicates row 2'],
      [7, null, 'is already in the database'],
      [8, 'indicator', 'is not a known indicator'],
      [8, 'value', 'is missing'],
      [8, 'year', 'is not a whole number'],
      [9, 'value', 'is not a number'],
      [9, 'village_code', 'is not a village code'],
      [10, 'year', 'is outside 2000-2100'],
    ]);
    expect(await snapshot(t.db)).toEqual(before);

    const out = join(t.dir, 'rejects.csv');
    await writeRejectsCsv(rejections, out);
    const csv = await readFile(out, 'utf8');
    expect(csv.split('\r\n')[0]).toBe('row,column,value,reason');
    expect(csv).toContain('3,,"35.05.04.2014,2026,digital_ethics,3,5",too many columns');

    // A value a spreadsheet would run as a formula is defused with an apostrophe.
    const formulas = join(t.dir, 'formulas.csv');
    await writeRejectsCsv(
      [
        { row: 2, column: 'value', value: '=HYPERLINK("http://x")', reason: 'is not a number' },
        { row: 3, column: 'value', value: '@SUM(A1)', reason: 'is not a number' },
        { row: 4, column: 'value', value: '-7', reason: 'is outside the valid range' },
      ],
      formulas,
    );
    expect((await readFile(formulas, 'utf8')).split('\r\n').slice(1, 4)).toEqual([
      `2,value,"'=HYPERLINK(""http://x"")",is not a number`,
      "3,value,'@SUM(A1),is not a number",
      "4,value,'-7,is outside the valid range",
    ]);
  });

  it('counts every rejection but lists the first MAX_LISTED_REJECTIONS, in row order', async () => {
    // Each row an unknown village (a distinct key each): MAX + 5 rejections, one per row, of
    // which the last 5 are only counted.
    const rows = Array.from(
      { length: MAX_LISTED_REJECTIONS + 5 },
      (_, i) =>
        `99.99.${String(Math.floor(i / 10_000)).padStart(2, '0')}.${String(1000 + (i % 10_000)).padStart(4, '0')},2024,digital_skills,3`,
    );
    const path = await file('many-bad-rows.csv', [HEADER, ...rows].join('\n'));
    const before = await snapshot(t.db);
    const error = await importObservations(t.db, path).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ImportRejectedError);
    const rejected = error as ImportRejectedError;
    expect(rejected.rejectionCount).toBe(MAX_LISTED_REJECTIONS + 5);
    expect(rejected.rejections).toHaveLength(MAX_LISTED_REJECTIONS);
    expect(rejected.rejections[0]?.row).toBe(2);
    expect(rejected.rejections.at(-1)?.row).toBe(MAX_LISTED_REJECTIONS + 1);
    expect(rejected.message).toContain(`${MAX_LISTED_REJECTIONS + 5} rejections`);
    expect(await snapshot(t.db)).toEqual(before);
  }, 60_000);

  it('regression: blank lines no longer shift the line a row is named by', async () => {
    // DuckDB skips blank lines silently; rows after them were named one line too early, while
    // unparseable lines (numbered by DuckDB) were right, so the two disagreed.
    const path = await file(
      'blank-lines.csv',
      [
        HEADER,
        '',
        `${PLOSOREJO},2030,digital_skills,3`, // line 3
        '',
        `${PLOSOREJO},2030,digital_ethics,x`, // 5: not a number
        `${PLOSOREJO},2030,digital_skills,3`, // 6: duplicates line 3
        `${PLOSOREJO},2030,digital_safety,3,9`, // 7: too many fields
        '',
        `${PLOSOREJO},2030,digital_culture,9`, // 9: out of range
        '',
        '',
      ].join('\r\n'),
    );
    const rejections = await rejectionsOf(importObservations(t.db, path));
    expect(rejections.map((r) => [r.row, r.column, r.reason.split(' (')[0]])).toEqual([
      [5, 'value', 'is not a number'],
      [6, null, 'duplicates row 3'],
      [7, null, 'too many columns: Expected Number of Columns: 4 Found: 5'],
      [9, 'value', 'is outside the valid range of digital_culture, 1.0 to 5.0'],
    ]);
  });

  it('regression: a fractional year is rejected, not rounded to the next year', async () => {
    // DuckDB casts the text '2030.5' to the integer 2031; the year check used to accept it.
    const csv = await file(
      'fractional-year.csv',
      [
        HEADER,
        `${PLOSOREJO},2030.5,digital_skills,3`,
        `${PLOSOREJO},2030.0,digital_ethics,3`, // a whole number written by a float column: fine
        `${PLOSOREJO},1e400,digital_safety,3`,
      ].join('\n'),
    );
    const fromCsv = await rejectionsOf(importObservations(t.db, csv));
    expect(fromCsv.map((r) => [r.row, r.column, r.value, r.reason])).toEqual([
      [2, 'year', '2030.5', 'is not a whole number'],
      [4, 'year', '1e400', 'is not a whole number'],
    ]);
    const parquet = join(t.dir, 'fractional-year.parquet');
    await sql
      .raw(
        `copy (select * from (values ('${PLOSOREJO}', 2030.5::double, 'digital_skills', 3.0),
          ('${PLOSOREJO}', 2030.0::double, 'digital_ethics', 3.0)) t(village_code, year, indicator, value))
          to '${parquet}' (format parquet)`,
      )
      .execute(t.db);
    const fromParquet = await rejectionsOf(importObservations(t.db, parquet));
    expect(fromParquet.map((r) => [r.row, r.column, r.value])).toEqual([[1, 'year', '2030.5']]);
  });

  it('does not take a Parquet column of another type for a number (true is not 1)', async () => {
    const parquet = join(t.dir, 'typed-oddly.parquet');
    await sql
      .raw(
        `copy (select * from (values ('${PLOSOREJO}', date '2030-01-01', 'access_4g_signal', true),
          ('${PLOSOREJO}', date '2031-01-01', 'access_4g_signal', false)) t(village_code, year, indicator, value))
          to '${parquet}' (format parquet)`,
      )
      .execute(t.db);
    const rejections = await rejectionsOf(importObservations(t.db, parquet));
    expect(rejections.map((r) => [r.row, r.column, r.value, r.reason])).toEqual([
      [1, 'value', 'true', 'is not a number'],
      [1, 'year', '2030-01-01', 'is not a whole number'],
      [2, 'value', 'false', 'is not a number'],
      [2, 'year', '2031-01-01', 'is not a whole number'],
    ]);
  });

  it('rejects files that are not observation files with one clear file-level reason', async () => {
    const before = await snapshot(t.db);
    const cases: Array<[string, string | Buffer, RegExp]> = [
      ['empty.csv', '', /the file is empty/],
      ['header-only.csv', `${HEADER}\n`, /no data rows/],
      [
        'image.png',
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
        /neither CSV nor Parquet/,
      ],
      ['data.json', '[{"village_code": "35.05.04.2014"}]', /looks like JSON/],
      ['notes.txt', 'Dear analyst,\nplease find the figures below.\n', /not an observations file/],
      [
        'latin1.csv',
        Buffer.from(`${HEADER}\n${PLOSOREJO},2026,digital_skills,3\xe9\n`, 'latin1'),
        /not UTF-8/,
      ],
    ];
    for (const [name, content, reason] of cases) {
      const rejections = await rejectionsOf(importObservations(t.db, await file(name, content)));
      expect(rejections, name).toHaveLength(1);
      expect(rejections[0]?.row, name).toBeNull();
      expect(rejections[0]?.reason, name).toMatch(reason);
    }
    const missing = await rejectionsOf(importObservations(t.db, join(t.dir, 'nope.csv')));
    expect(missing[0]?.reason).toMatch(/file not found/);
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('names missing, misnamed, unknown and doubled columns', async () => {
    const path = await file(
      'columns.csv',
      `Village_Code,year,indicator,value,remarks,year\n${PLOSOREJO},2026,digital_skills,3,x,2026\n`,
    );
    const rejections = await rejectionsOf(importObservations(t.db, path));
    expect(rejections.map((r) => [r.column, r.reason.split(' (')[0]])).toEqual([
      [
        'village_code',
        'column village_code is missing; did you mean "Village_Code"? Names are exact and lower-case',
      ],
      ['Village_Code', 'unknown column'],
      ['remarks', 'unknown column'],
      ['year', 'column appears twice'],
    ]);
  });

  it('accepts a UTF-8 BOM, CRLF line ends and quoted fields, and updates the village index', async () => {
    const before = await t.db
      .selectFrom('village_index')
      .select([
        'digital_skills',
        'digital_ethics',
        'digital_safety',
        'digital_culture',
        'skills_index',
      ])
      .where('village_code', '=', '35.05.04.2001')
      .where('year', '=', 2025)
      .executeTakeFirstOrThrow();
    const content =
      '\uFEFF' +
      [
        HEADER,
        '"35.05.04.2001","2026","digital_skills","4.25"',
        '35.05.04.2001,2026,digital_ethics,4.5',
        '35.05.04.2001,2026,digital_safety,3.75',
        '35.05.04.2001,2026,digital_culture,4',
      ].join('\r\n') +
      '\r\n';
    const result = await importObservations(t.db, await file('good.csv', content));
    expect(result).toMatchObject({ format: 'csv', accepted: 4, replaced: 0, villages: 1 });
    const row = await t.db
      .selectFrom('village_index')
      .select(['skills_index', 'source', 'indicators_used'])
      .where('village_code', '=', '35.05.04.2001')
      .where('year', '=', 2026)
      .executeTakeFirstOrThrow();
    // (4.25 + 4.5 + 3.75 + 4) / 4, by hand.
    expect(row).toEqual({ skills_index: 4.125, source: 'imported', indicators_used: 4 });
    const unchanged = await t.db
      .selectFrom('village_index')
      .select([
        'digital_skills',
        'digital_ethics',
        'digital_safety',
        'digital_culture',
        'skills_index',
      ])
      .where('village_code', '=', '35.05.04.2001')
      .where('year', '=', 2025)
      .executeTakeFirstOrThrow();
    expect(unchanged).toEqual(before);
    const batch = await t.db
      .selectFrom('import_batches')
      .select(['kind', 'file_name', 'rows_accepted', 'rows_rejected', 'content_hash'])
      .where('id', '=', result.batchId)
      .executeTakeFirstOrThrow();
    expect(batch).toMatchObject({
      kind: 'observations',
      file_name: 'good.csv',
      rows_accepted: 4,
      rows_rejected: 0,
    });
    expect(batch.content_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('overwrites stored values only with replace, and bumps the data version each time', async () => {
    const path = await file('replace.csv', `${HEADER}\n${PLOSOREJO},2021,digital_skills,1.5\n`);
    const rejected = await rejectionsOf(importObservations(t.db, path));
    expect(rejected[0]?.reason).toMatch(/already in the database \(use --replace/);
    const versionBefore = Number((await snapshot(t.db))?.version);
    const result = await importObservations(t.db, path, { replace: true });
    expect(result).toMatchObject({ accepted: 1, replaced: 1, dataVersion: versionBefore + 1 });
    const stored = await t.db
      .selectFrom('observations')
      .select(['value', 'source', 'batch_id'])
      .where('village_code', '=', PLOSOREJO)
      .where('year', '=', 2021)
      .where('indicator', '=', 'digital_skills')
      .execute();
    expect(stored).toEqual([{ value: 1.5, source: 'imported', batch_id: result.batchId }]);
    const index = await t.db
      .selectFrom('village_index')
      .select(['digital_skills', 'source'])
      .where('village_code', '=', PLOSOREJO)
      .where('year', '=', 2021)
      .executeTakeFirstOrThrow();
    expect(index).toEqual({ digital_skills: 1.5, source: 'mixed' });
  });

  // A key the file repeats, or one already stored, is only found once the rows are written (by
  // the village index rebuild): a file whose only problem is one must still change nothing.
  it.each([
    {
      problem: 'a key repeated inside the file, with replace',
      replace: true,
      lines: [`${PLOSOREJO},2021,digital_ethics,2.5`, `${PLOSOREJO},2021,digital_ethics,2.6`],
      expected: [[3, null, 'duplicates row 2']],
    },
    {
      problem: 'a new key repeated inside the file, with replace',
      replace: true,
      lines: [`${PLOSOREJO},2051,digital_ethics,2.5`, `${PLOSOREJO},2051,digital_ethics,2.6`],
      expected: [[3, null, 'duplicates row 2']],
    },
    {
      problem: 'a key repeated inside the file, new keys',
      replace: false,
      lines: [`${PLOSOREJO},2031,digital_ethics,2.5`, `${PLOSOREJO},2031,digital_ethics,2.6`],
      expected: [[3, null, 'duplicates row 2']],
    },
    {
      problem: 'a key already stored, among new ones',
      replace: false,
      lines: [`${PLOSOREJO},2032,digital_ethics,2.5`, `${PLOSOREJO},2022,digital_ethics,2.6`],
      expected: [[3, null, 'is already in the database']],
    },
  ])('rejects $problem and changes nothing', async ({ replace, lines, expected }) => {
    const before = await snapshot(t.db);
    const path = await file('only-key-problem.csv', `${HEADER}\n${lines.join('\n')}\n`);
    const rejected = await rejectionsOf(importObservations(t.db, path, { replace }));
    expect(rejected.map((r) => [r.row, r.column, r.reason.split(' (')[0]])).toEqual(expected);
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('regression: reports its last step, done, only after the transaction has committed', async () => {
    // `pandu import` printed "done (4/4)" while the COMMIT (and DuckDB's checkpoint) was still to
    // run: a kill or a failed commit then left a user told "done" with nothing written.
    const events: string[] = [];
    await withCommitsRecorded(events, async () => {
      const path = await file('committed.csv', `${HEADER}\n${PLOSOREJO},2061,digital_skills,3.5\n`);
      const result = await importObservations(t.db, path, {
        onProgress: (p) => events.push(`${p.step} ${p.done}/${p.total}`),
      });
      expect(result.accepted).toBe(1);
    });
    expect(events).toEqual([
      'reading 0/5',
      'validating 1/5',
      'writing 2/5',
      'indexing 3/5',
      'figures 4/5',
      'committed',
      'done 5/5',
    ]);
  });

  it('with replace, overwrites the stored keys of a file and adds its new ones, in one batch', async () => {
    const path = await file(
      'mixed.csv',
      `${HEADER}\n${PLOSOREJO},2022,digital_culture,2.25\n${PLOSOREJO},2052,digital_culture,2.5\n`,
    );
    const before = await snapshot(t.db);
    const result = await importObservations(t.db, path, { replace: true });
    expect(result).toMatchObject({ accepted: 2, replaced: 1 });
    const stored = await t.db
      .selectFrom('observations')
      .select(['year', 'value', 'batch_id'])
      .where('village_code', '=', PLOSOREJO)
      .where('indicator', '=', 'digital_culture')
      .where('year', 'in', [2022, 2052])
      .orderBy('year')
      .execute();
    expect(stored).toEqual([
      { year: 2022, value: 2.25, batch_id: result.batchId },
      { year: 2052, value: 2.5, batch_id: result.batchId },
    ]);
    expect((await snapshot(t.db))?.observations).toBe(Number(before?.observations) + 1);
  });

  it('rebuilds the index of the villages a sparse file touches, and only theirs', async () => {
    // Two villages far apart: the rebuild is scoped by the list of touched villages, not the range.
    const far = '35.78.01.1001';
    const others = () =>
      t.db
        .selectFrom('village_index')
        .select(['village_code', 'year', 'skills_index'])
        .where('village_code', 'not in', [PLOSOREJO, far])
        .orderBy(['village_code', 'year'])
        .execute();
    const untouched = await others();
    const path = await file(
      'sparse.csv',
      `${HEADER}\n${PLOSOREJO},2023,digital_skills,1.25\n${far},2023,digital_skills,4.75\n`,
    );
    expect(await importObservations(t.db, path, { replace: true })).toMatchObject({ villages: 2 });
    const index = await t.db
      .selectFrom('village_index')
      .select(['village_code', 'digital_skills'])
      .where('village_code', 'in', [PLOSOREJO, far])
      .where('year', '=', 2023)
      .orderBy('village_code')
      .execute();
    expect(index).toEqual([
      { village_code: PLOSOREJO, digital_skills: 1.25 },
      { village_code: far, digital_skills: 4.75 },
    ]);
    expect(await others()).toEqual(untouched);
  });

  it('imports Parquet, naming rows by their index, and honours a source column', async () => {
    const good = join(t.dir, 'good.parquet');
    await sql
      .raw(
        `copy (select * from (values ('${PLOSOREJO}', 2027, 'access_4g_signal', 80.5, 'published'),
          ('${PLOSOREJO}', 2027, 'outcome_msme_online', 12.25, 'published'))
          t(village_code, year, indicator, value, source)) to '${good}' (format parquet)`,
      )
      .execute(t.db);
    const result = await importObservations(t.db, good);
    expect(result).toMatchObject({ format: 'parquet', accepted: 2 });
    const sources = await t.db
      .selectFrom('observations')
      .select('source')
      .distinct()
      .where('year', '=', 2027)
      .execute();
    expect(sources).toEqual([{ source: 'published' }]);

    const bad = join(t.dir, 'bad.parquet');
    await sql
      .raw(
        `copy (select * from (values ('${PLOSOREJO}', 2028, 'access_4g_signal', 50.0),
          ('${PLOSOREJO}', 2028, 'access_4g_signal', 101.0)) t(village_code, year, indicator, value))
          to '${bad}' (format parquet)`,
      )
      .execute(t.db);
    const rejections = await rejectionsOf(importObservations(t.db, bad));
    // Within a row, column-level reasons come first, then the row-level ones (duplicates).
    expect(rejections.map((r) => [r.row, r.column])).toEqual([
      [2, 'value'],
      [2, null],
    ]);
  });

  it('reads a Parquet file as written, whatever folder names (hive partitions) it sits under', async () => {
    // An exported partition file moved under the wrong folders: DuckDB's default hive detection
    // would take province 11 and year 2000 from the path instead of the file's 35 and 2029.
    const dir = join(t.dir, 'observations', 'province=11', 'year=2000');
    await mkdir(dir, { recursive: true });
    const moved = join(dir, 'data_0.parquet');
    await sql
      .raw(
        `copy (select * from (values ('${PLOSOREJO}', 2029, 'access_4g_signal', 70.0, 'imported', '35'))
          t(village_code, year, indicator, value, source, province)) to '${moved}' (format parquet)`,
      )
      .execute(t.db);
    expect(await importObservations(t.db, moved)).toMatchObject({ accepted: 1 });
    const stored = await t.db
      .selectFrom('observations')
      .select(['year', 'value'])
      .where('village_code', '=', PLOSOREJO)
      .where('indicator', '=', 'access_4g_signal')
      .where('year', 'in', [2000, 2029])
      .execute();
    expect(stored).toEqual([{ year: 2029, value: 70 }]);
  });

  it('imports a folder of Parquet files as one file, naming the file of each rejected row', async () => {
    const folder = join(t.dir, 'folder-import');
    const write = async (name: string, rows: string) => {
      await mkdir(join(folder, dirname(name)), { recursive: true });
      await sql
        .raw(
          `copy (select * from (values ${rows}) t(village_code, year, indicator, value))
          to '${join(folder, name)}' (format parquet)`,
        )
        .execute(t.db);
    };
    await write('year=2043/a.parquet', `('${PLOSOREJO}', 2043, 'digital_skills', 3.1)`);
    await write(
      'year=2044/b.parquet',
      `('${PLOSOREJO}', 2044, 'digital_skills', 3.2), ('${PLOSOREJO}', 2044, 'digital_ethics', 9.0),
        ('${PLOSOREJO}', 2043, 'digital_skills', 3.3)`,
    );
    await writeFile(join(folder, 'README.txt'), 'not read: only .parquet files are');
    const before = await snapshot(t.db);
    const rejected = await rejectionsOf(importObservations(t.db, folder));
    expect(rejected.map((r) => [r.file, r.row, r.column, r.reason.split(' (')[0]])).toEqual([
      [
        'year=2044/b.parquet',
        2,
        'value',
        'is outside the valid range of digital_ethics, 1.0 to 5.0',
      ],
      ['year=2044/b.parquet', 3, null, 'duplicates row 1 of year=2043/a.parquet'],
    ]);
    expect(await snapshot(t.db)).toEqual(before);

    await write('year=2044/b.parquet', `('${PLOSOREJO}', 2044, 'digital_skills', 3.2)`);
    expect(await importObservations(t.db, folder)).toMatchObject({
      fileName: 'folder-import/',
      accepted: 2,
    });
    const empty = join(t.dir, 'empty-folder');
    await mkdir(empty, { recursive: true });
    const none = await rejectionsOf(importObservations(t.db, empty));
    expect(none[0]?.reason).toMatch(/^the folder holds no \.parquet files/);
  });

  it('finds a bad row deep in a large file at its exact line', async () => {
    const lines = [HEADER];
    // 6 years x 4 pillars x 8,494 villages would be slow to write here; 120,000 synthetic keys
    // over villages of Jawa Timur in a far-future year are enough to span many DuckDB chunks.
    const villages = await t.db
      .selectFrom('regions')
      .select('code')
      .where('level', '=', 'village')
      .orderBy('code')
      .limit(3000)
      .execute();
    for (let year = 2030; year < 2040; year++) {
      for (const v of villages) {
        lines.push(
          `${v.code},${year},digital_skills,3`,
          `${v.code},${year},digital_ethics,3`,
          `${v.code},${year},digital_safety,3`,
          `${v.code},${year},digital_culture,3`,
        );
      }
    }
    const badLine = 98_765;
    lines[badLine - 1] = `${villages[0]?.code},2099,digital_skills,6`;
    const rejections = await rejectionsOf(
      importObservations(t.db, await file('large.csv', lines.join('\n'))),
    );
    expect(rejections.map((r) => [r.row, r.column, r.value])).toEqual([[badLine, 'value', '6']]);
  });
});

describe('a killed import', () => {
  it('leaves the database as it was, at any step (SIGKILL of a real child process)', async () => {
    const t = await seededTestDatabase(['35']);
    try {
      // A large, valid file that replaces every stored value: the transaction runs long enough
      // to be killed in each step.
      const big = join(t.dir, 'replace-all.parquet');
      await sql
        .raw(
          `copy (select village_code, year, indicator,
            least(i.range_max, greatest(i.range_min, value + 0.01)) as value
            from observations o join indicators i on i.id = o.indicator)
          to '${big}' (format parquet)`,
        )
        .execute(t.db);
      const before = await snapshot(t.db);
      await t.db.destroy();
      const fixture = fileURLToPath(new URL('./import-child.fixture.ts', import.meta.url));
      for (const step of ['validating', 'writing', 'indexing']) {
        const copy = join(t.dir, `killed-${step}.duckdb`);
        await copyFile(t.path, copy);
        const outcome = await new Promise<string>((resolve, reject) => {
          const child = spawn(process.execPath, ['--import', 'tsx', fixture, copy, big], {
            stdio: ['ignore', 'pipe', 'pipe'],
          });
          let stderr = '';
          child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
          child.stdout.on('data', (d: Buffer) => {
            if (d.toString().includes(`step ${step}`)) child.kill('SIGKILL');
          });
          child.on('error', reject);
          child.on('exit', (code, signal) =>
            resolve(signal ?? `exited ${code}: ${stderr.slice(0, 500)}`),
          );
        });
        expect(outcome, step).toBe('SIGKILL');
        const reopened = await openDatabase(copy);
        try {
          expect(await snapshot(reopened), step).toEqual(before);
        } finally {
          await reopened.destroy();
        }
      }
    } finally {
      await t.cleanup().catch(() => undefined);
    }
  });
});
