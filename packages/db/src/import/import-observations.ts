import { sql, type Kysely } from 'kysely';
import { OBSERVATION_SOURCES, OBSERVATION_YEARS } from '@pandu/domain';
import type { Database } from '../schema/database.js';
import {
  DuplicateObservationKeysError,
  rebuildVillageIndex,
} from '../village-index/rebuild-village-index.js';
import { sqlList, sqlLiteral, trustedSql } from '../sql/index.js';
import { checkColumns } from './check-columns.js';
import { nextImportBatchId, recordImportBatch } from './import-batch.js';
import { openImportFile } from './open-import-file.js';
import { refreshFigures } from '../figures/refresh-figures.js';
import { readableErrorMessage } from './file-sha256.js';
import {
  ImportRejectedError,
  type ImportProgress,
  type ImportResult,
  type Rejection,
} from './import-types.js';
import {
  LISTING_OBJECTS,
  UnreadableFileError,
  listObservationRejections,
} from './list-observation-rejections.js';

/** The observation file format: one row per value. */
export const OBSERVATION_COLUMNS = ['village_code', 'year', 'indicator', 'value'] as const;
/**
 * Columns a file may add: `source` (synthetic, published or imported; default imported), so that
 * an export re-imports unchanged, and `province`, the partition column of a Parquet export, which
 * must agree with the village code.
 */
export const OPTIONAL_OBSERVATION_COLUMNS = ['source', 'province'] as const;

export interface ImportOptions {
  /** Overwrite values already in the database for the same village, year and indicator. */
  replace?: boolean;
  onProgress?: (progress: ImportProgress) => void;
}

const STEPS = ['reading', 'validating', 'writing', 'indexing', 'figures', 'done'];

/**
 * Import observations from a CSV or Parquet file with the columns `village_code, year, indicator,
 * value` (optionally `source`, `province`), or from a folder of Parquet files read as one file
 * (e.g. the `observations/` folder of a Parquet export, its `province=PP/year=YYYY/` partitions;
 * rejections then name the file too). All or nothing, in one transaction: the file is staged and
 * validated in DuckDB, never row by row in JavaScript (missing or unknown columns, unparseable
 * lines, types, unknown villages and indicators, values outside the indicator's range, years
 * outside 2000-2100, duplicate keys in the file, keys already stored unless `replace`); any
 * rejection throws {@link ImportRejectedError} naming every rejected row and nothing is written.
 * Otherwise the transaction writes the values, rebuilds the village index of the villages
 * touched, records the batch and bumps the data version. A killed import leaves the database as
 * it was.
 *
 * Clean files take a fast path: the file is read once with `year` and `value` parsed as numbers
 * and the per-row rules are only counted. Repeated and already-stored keys are not looked for
 * beforehand: the index rebuild (and, with `replace`, the batch's row count) finds them while the
 * transaction writes, and the transaction rolls back. Only a file with problems is read again as
 * text to name each one (see listObservationRejections).
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
  const replace = options.replace ?? false;
  const progress = (step: string) =>
    options.onProgress?.({ step, done: STEPS.indexOf(step), total: STEPS.length - 1 });
  progress('reading');
  const { fileName, detected, files, relativeNames, contentHash } = await openImportFile(file, {
    folders: true,
  });
  // What DuckDB reads: the file, or the list of a folder's Parquet files.
  const readPath =
    files.length === 1 ? sqlLiteral(files[0] ?? file) : `[${files.map(sqlLiteral).join(', ')}]`;
  const format = detected.format;
  const reject = (rejections: Rejection[], total = rejections.length): never => {
    throw new ImportRejectedError(fileName, rejections, total);
  };
  const fileProblem = (reason: string) =>
    reject([{ row: null, column: null, value: null, reason }]);

  // One connection throughout: the staged file lives in temporary objects, which belong to a
  // connection. They are created outside the transaction on purpose: DuckDB scans a table created
  // inside a transaction (transaction-local storage) several times slower than a committed one,
  // and the staged file is no part of the database, so atomicity does not need it inside.
  return db.connection().execute(async (conn) => {
    try {
      // The file's columns, with their Parquet types (CSV columns are text).
      let types: Map<string, string>;
      if (format === 'csv') {
        types = new Map(detected.header.map((c) => [c, 'VARCHAR']));
      } else {
        const described = await sql<{ column_name: string; column_type: string }>`
          describe select * from read_parquet(${trustedSql(readPath)}, hive_partitioning = false)`
          .execute(conn)
          .catch((error: unknown) =>
            fileProblem(`the Parquet file cannot be read: ${readableErrorMessage(error)}`),
          );
        types = new Map(described.rows.map((r) => [r.column_name, r.column_type]));
      }
      const columns = format === 'csv' ? detected.header : [...types.keys()];
      const columnRejections = checkColumns(columns, {
        required: OBSERVATION_COLUMNS,
        optional: OPTIONAL_OBSERVATION_COLUMNS,
        kind: 'an observations file',
      });
      if (columnRejections.length > 0) reject(columnRejections);

      await stageTyped(conn, { readPath, format, types }).catch((error: unknown) =>
        fileProblem(
          `the ${format === 'csv' ? 'CSV' : 'Parquet'} file cannot be read: ${readableErrorMessage(error)}`,
        ),
      );
      const attempt = await validateAndWrite(conn, {
        errorsTable: format === 'csv' ? 'import_typed_errors' : null,
        columns,
        replace,
        progress,
        batch: { fileName, contentHash },
      });
      if (attempt.status === 'written') {
        // Only now, after the COMMIT (and DuckDB's checkpoint) has returned, is the data stored:
        // a "done" inside the transaction was printed before a commit that could still fail or
        // be killed.
        progress('done');
        return { ...attempt.result, fileName, format };
      }
      if (attempt.status === 'empty') return fileProblem('the file has no data rows');

      // Something failed a count: list every problem from the file as written.
      const listing = await listObservationRejections(conn, {
        files,
        relativeNames,
        format,
        columns,
        replace,
      }).catch((error: unknown) =>
        error instanceof UnreadableFileError ? fileProblem(error.message) : Promise.reject(error),
      );
      if (listing.total > 0) reject(listing.rejections, listing.total);
      // The counts and the listing apply the same rules (the typed reader and TRY_CAST accept
      // the same numbers), so a count with nothing to list is a bug here, not a bad file.
      throw new Error(`${fileName}: the import counted problems that its listing cannot name`);
    } finally {
      await dropTemporaryObjects(conn);
    }
  });
}

/** The temporary objects an import creates on its connection, all dropped when it ends. */
const TEMPORARY_TABLES = [
  'import_typed',
  'import_typed_errors',
  'import_typed_scans',
  'import_villages',
  ...LISTING_OBJECTS.tables,
];
const TEMPORARY_VIEWS = ['import_typed', ...LISTING_OBJECTS.views];

async function dropTemporaryObjects(conn: Kysely<Database>): Promise<void> {
  // Views first: they read the tables. `import_typed` is a table for CSV and a view for Parquet,
  // and DuckDB refuses to drop an object as the wrong kind, so each attempt may fail harmlessly
  // (outside a transaction, a failed statement aborts nothing).
  for (const [kind, names] of [
    ['view', TEMPORARY_VIEWS],
    ['table', TEMPORARY_TABLES],
  ] as const) {
    for (const name of names) {
      await sql
        .raw(`drop ${kind} if exists ${name}`)
        .execute(conn)
        .catch(() => undefined);
    }
  }
}

/** Parquet types DuckDB converts to DOUBLE by value; any other type is not a number here. */
const NUMERIC_TYPE =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL\(.*\)|VARCHAR)$/;

/**
 * Stage the file as `import_typed`, with `year` and `value` as DOUBLE (so that a fractional year
 * can be told from a whole one) and the other columns as text.
 *
 * CSV: DuckDB's reader parses the numbers straight away (parsing the text once is what makes it
 * as fast as a bare read); a line that does not parse or convert goes to `import_typed_errors`.
 * Parquet: a view over the file, read again by each pass (columnar and cheap to re-read; a copy
 * would cost more). A Parquet `year` or `value` of a type that is not a number or text (a
 * BOOLEAN, a DATE) stages as null, so it is counted as a problem rather than converted: `true`
 * is not the value 1.
 */
async function stageTyped(
  conn: Kysely<Database>,
  {
    readPath,
    format,
    types,
  }: { readPath: string; format: 'csv' | 'parquet'; types: ReadonlyMap<string, string> },
): Promise<void> {
  const path = readPath;
  const numeric = (c: string) => c === 'year' || c === 'value';
  if (format === 'csv') {
    const spec = [...types.keys()]
      .map((c) => `${sqlLiteral(c)}: '${numeric(c) ? 'DOUBLE' : 'VARCHAR'}'`)
      .join(', ');
    await sql
      .raw(
        `create or replace temp table import_typed as
        select * from read_csv(${path}, header = true, auto_detect = false, delim = ',',
          quote = '"', escape = '"', columns = {${spec}}, ignore_errors = true,
          store_rejects = true, rejects_table = 'import_typed_errors', rejects_scan = 'import_typed_scans')`,
      )
      .execute(conn);
  } else {
    const select = [...types]
      .map(([c, type]) => {
        if (!numeric(c)) return `${c}::varchar as ${c}`;
        return NUMERIC_TYPE.test(type)
          ? `try_cast(${c} as double) as ${c}`
          : `null::double as ${c}`;
      })
      .join(', ');
    await sql
      .raw(
        `create or replace temp view import_typed as select ${select} from read_parquet(${path}, hive_partitioning = false)`,
      )
      .execute(conn);
  }
}

type Attempt =
  | { status: 'written'; result: Omit<ImportResult, 'fileName' | 'format'> }
  | { status: 'problems' }
  | { status: 'empty' };

/**
 * In one transaction: count the problems of the staged rows (`typed`); if there are none, write
 * them (update the keys they replace and insert the rest, rebuild the village index of the
 * villages touched, record the batch, bump the data version). The rebuild sees every village-year the file
 * touched, so it is where a key the file repeats, or one already stored (unless `replace`), is
 * found: it throws, the transaction rolls back, and the file counts as having problems. "Already
 * stored" is thus decided on the snapshot the write applies to. A file with problems writes
 * nothing; the caller lists them.
 */
async function validateAndWrite(
  conn: Kysely<Database>,
  {
    errorsTable,
    columns,
    replace,
    progress,
    batch,
  }: {
    /** Lines the typed reader could not parse or convert, if it keeps such a table. */
    errorsTable: string | null;
    columns: readonly string[];
    replace: boolean;
    progress: (step: string) => void;
    batch: { fileName: string; contentHash: Promise<string> };
  },
): Promise<Attempt> {
  const typed = 'import_typed';
  const attempt = conn.transaction().execute(async (trx): Promise<Attempt> => {
    progress('validating');
    const { min, max } = OBSERVATION_YEARS;
    // What makes a row invalid, as tests that are true (or null) for a bad row.
    const invalid = [
      'r.code is null',
      'i.id is null',
      `not (t.year between ${min} and ${max} and t.year = floor(t.year))`,
      'not (t.value between i.range_min and i.range_max)',
      ...(columns.includes('source') ? [`t.source not in ${sqlList(OBSERVATION_SOURCES)}`] : []),
      ...(columns.includes('province')
        ? ['t.province is distinct from substr(t.village_code, 1, 2)']
        : []),
    ]
      // A null anywhere (a missing value) makes a test null: that counts as a failure too.
      .map((test) => `coalesce(${test}, true)`)
      .join(' or ');
    // One pass over the staged rows: their count, the rows that break a rule, and the ranges of
    // their village codes and years, constants DuckDB checks against each row group's min/max:
    // observations are stored by year and village, so the update and the index rebuild below skip
    // most groups before looking at a row (all but the new rows, for a file of a new year).
    // Duplicate keys (inside the file, or already stored unless `replace`) are not counted here:
    // a separate pass took a third to two thirds of the bare read (2M rows); the index rebuild finds them from
    // the columns it computes anyway, and throws, which rolls the whole write back (see
    // rebuildVillageIndex).
    const counts = await sql<{
      n: number;
      errors: number;
      bad: number;
      lo: string | null;
      hi: string | null;
      y0: number | null;
      y1: number | null;
    }>`
      select count(*) as n,
        ${trustedSql(errorsTable ? `(select count(*) from ${errorsTable})` : '0')} as errors,
        count(*) filter (where ${trustedSql(invalid)}) as bad,
        min(t.village_code) as lo, max(t.village_code) as hi,
        min(try_cast(t.year as integer)) as y0, max(try_cast(t.year as integer)) as y1
      from ${sql.table(typed)} t
        left join regions r on r.code = t.village_code and r.level = 'village'
        left join indicators i on i.id = t.indicator`.execute(trx);
    const c = counts.rows[0];
    if (!c) throw new Error('the import could not count the staged rows');
    if (c.n === 0 && c.errors === 0) return { status: 'empty' };
    if (c.errors > 0 || c.bad > 0) return { status: 'problems' };
    const codeRange = { lo: c.lo ?? '', hi: c.hi ?? '' };
    const years = { from: c.y0 ?? min, to: c.y1 ?? max };
    const inRange = `o.village_code between ${sqlLiteral(codeRange.lo)} and ${sqlLiteral(codeRange.hi)}
      and o.year between ${years.from} and ${years.to}`;

    progress('writing');
    const batchId = await nextImportBatchId(trx);
    const source = columns.includes('source') ? 't.source' : `'imported'`;
    const sameKey = `${inRange} and o.village_code = t.village_code
      and o.year = t.year::smallint and o.indicator = t.indicator`;
    let replaced = 0;
    if (replace) {
      // Stored keys are updated in place: DuckDB wrote an update of three columns of 2M rows in
      // 0.30 s against 0.78 s for a delete and an insert of the same rows, and the import's commit
      // (its checkpoint) fell from 0.2-0.66 s to 0.04 s. The
      // updated rows now carry this batch's id, so only the file's other rows are inserted.
      const updated = await sql`update observations o
        set value = t.value, source = ${trustedSql(source)}, batch_id = ${batchId}
        from ${sql.table(typed)} t where ${trustedSql(sameKey)}`.execute(trx);
      // DuckDB counts a stored row once per file row that matches it, so a key the file repeats
      // inflates this count; the check below catches that case before anything commits.
      replaced = Number(updated.numAffectedRows ?? 0);
      if (replaced < c.n) {
        await sql`insert into observations
          select t.village_code, t.year::smallint, t.indicator, t.value, ${trustedSql(source)}, ${batchId}
          from ${sql.table(typed)} t
          where not exists (select 1 from observations o
            where o.batch_id = ${batchId} and ${trustedSql(sameKey)})`.execute(trx);
      }
      // Every row of the file is now one stored row of this batch, unless the file repeats a key
      // that was stored (two file rows updated one stored row). A repeated new key is two stored
      // rows, which the index rebuild below refuses.
      const written = await sql<{ n: number }>`
        select count(*) as n from observations where batch_id = ${batchId}`.execute(trx);
      if (written.rows[0]?.n !== c.n) {
        throw new DuplicateObservationKeysError('the file repeats a key that was stored');
      }
    } else {
      await sql`insert into observations
        select t.village_code, t.year::smallint, t.indicator, t.value, ${trustedSql(source)}, ${batchId}
        from ${sql.table(typed)} t`.execute(trx);
    }

    progress('indexing');
    await sql`create or replace temp table import_villages as
      select distinct village_code from ${sql.table(typed)}`.execute(trx);
    const villages = await sql<{ n: number }>`select count(*) as n from import_villages`.execute(
      trx,
    );
    // When the file covers most villages of its code range (a province, the nation), the range and
    // years alone scope the rebuild: recomputing the few untouched villages in it costs less than
    // testing five million observations against the list of touched ones.
    const inCodeRange = await sql<{ n: number }>`
      select count(*) as n from regions
      where level = 'village' and code between ${codeRange.lo} and ${codeRange.hi}`.execute(trx);
    const dense = (villages.rows[0]?.n ?? 0) * 2 >= (inCodeRange.rows[0]?.n ?? 0);
    await rebuildVillageIndex(trx, {
      ...(dense ? {} : { villageCodesTable: 'import_villages' }),
      codeRange,
      years,
    });
    const dataVersion = await recordImportBatch(trx, {
      id: batchId,
      kind: 'observations',
      fileName: batch.fileName,
      contentHash: await batch.contentHash,
      rowsAccepted: c.n,
      replaced,
    });
    // After the data version is bumped: the figures are stamped with the new one.
    progress('figures');
    await refreshFigures(trx);
    // 'done' is reported by the caller once this transaction has committed, not here.
    return {
      status: 'written',
      result: {
        batchId,
        accepted: c.n,
        replaced,
        villages: villages.rows[0]?.n ?? 0,
        dataVersion,
      },
    };
  });
  return attempt.catch((error: unknown) =>
    error instanceof DuplicateObservationKeysError
      ? { status: 'problems' as const }
      : Promise.reject(error),
  );
}
