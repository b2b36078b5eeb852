import { sql, type Kysely } from 'kysely';
import { MentoringEvent } from '@pandu/domain';
import type { Database } from '../schema/database.js';
import { insertMentoringEvent } from '../mentoring/insert-mentoring-event.js';
import { sqlLiteral, trustedSql } from '../sql/index.js';
import { checkColumns } from './check-columns.js';
import { nextImportBatchId, recordImportBatch } from './import-batch.js';
import { openImportFile } from './open-import-file.js';
import { UnreadableFileError, csvTextObjects, readCsvAsText } from './read-csv-as-text.js';
import { refreshFigures } from '../figures/refresh-figures.js';
import { readableErrorMessage } from './file-sha256.js';
import { ImportRejectedError, type ImportProgress, type Rejection } from './import-types.js';

/** The columns every mentoring events file has. */
export const MENTORING_EVENT_COLUMNS = [
  'event_id',
  'start_date',
  'end_date',
  'format',
  'sectors',
  'venue_village_code',
  'participants_total',
  'village_count',
] as const;
/** Columns a mentoring events file may add. */
export const OPTIONAL_MENTORING_EVENT_COLUMNS = [
  'village_code',
  'title',
  'sessions',
  'venue_name',
  'organisers',
  'notes',
] as const;
const ALL_COLUMNS = [...MENTORING_EVENT_COLUMNS, ...OPTIONAL_MENTORING_EVENT_COLUMNS];
/** The columns that describe the event, repeated on each of its rows. */
const EVENT_LEVEL_COLUMNS = ALL_COLUMNS.filter((c) => c !== 'event_id' && c !== 'village_code');
type Column = (typeof ALL_COLUMNS)[number];
/** A staged row: every column as text (null when empty or absent), and its row number. */
type StagedRow = { row: number } & Record<Column, string | null>;

export interface MentoringImportOptions {
  /** Replace events already in the database with the same id (with their sectors, villages and participants). */
  replace?: boolean;
  onProgress?: (progress: ImportProgress) => void;
}

/** What a mentoring events import applied. */
export interface MentoringImportResult {
  batchId: number;
  fileName: string;
  format: 'csv' | 'parquet';
  /** Events written. */
  events: number;
  /** Participating villages written, one per event and village (rows of mentoring_event_villages). */
  villages: number;
  /** The dataset's version after the import (caches keyed on it are now stale). */
  dataVersion: number;
}

const STEPS = ['reading', 'validating', 'writing', 'figures', 'done'];

/**
 * Import mentoring events from a CSV or Parquet file. All or nothing: any rejection throws
 * {@link ImportRejectedError} naming every rejected row, column and reason, and nothing is written;
 * otherwise one transaction writes the events (source `imported`), records the batch (kind
 * `mentoring`) and bumps the data version.
 *
 * The format is flat: **one row per event and participating village**, the event-level columns
 * repeated on each row of the event (they must agree; a row that differs is named).
 *
 * | column               |          | meaning                                                        |
 * | -------------------- | -------- | -------------------------------------------------------------- |
 * | `event_id`           | required | the event's id (unique; an id already stored is rejected unless `replace`) |
 * | `start_date`         | required | first day, `YYYY-MM-DD`                                         |
 * | `end_date`           | required | last day, `YYYY-MM-DD` (the start date again for a one-day event) |
 * | `format`             | required | `seminar`, `workshop`, `seminar_workshop`, `pendampingan`, `training_of_trainers` |
 * | `sectors`            | required | sector codes separated by `;` (`umkm;pertanian`)                |
 * | `venue_village_code` | required | the village where it was held, `PP.RR.DD.VVVV`                  |
 * | `participants_total` | required | how many took part                                              |
 * | `village_count`      | required | how many villages took part (may exceed the villages listed)    |
 * | `village_code`       | optional | one participating village; left empty on the single row of an event whose villages are not listed |
 * | `title`, `venue_name`, `notes` | optional | free text                                             |
 * | `sessions`           | optional | number of sessions                                              |
 * | `organisers`         | optional | names separated by `;`; the domain requires at least one per event |
 *
 * An empty cell of an optional column means "not recorded". Rows are numbered as in a spreadsheet:
 * the header is row 1 and each CSV record one row (a quoted field spanning lines is still one
 * row); in a Parquet file the first row is row 1. The checks run in DuckDB over a staging table
 * (columns, dates, whole numbers, known village codes, agreement within an event, repeated
 * villages, ids already stored), then each event goes through the domain's `MentoringEvent`
 * schema, whose issues are named by the event's first row and the column of the field.
 *
 * @example
 * ```ts
 * // event_id,start_date,end_date,format,sectors,venue_village_code,participants_total,village_count,village_code,organisers
 * // blitar-2024-umkm,2024-03-05,2024-03-05,pendampingan,umkm,35.05.04.2014,40,2,35.05.04.2014,Dinas PMD
 * // blitar-2024-umkm,2024-03-05,2024-03-05,pendampingan,umkm,35.05.04.2014,40,2,35.05.04.2001,Dinas PMD
 * const result = await importMentoringEvents(db, 'events-2024.csv');
 * result.events; // 1
 * result.villages; // 2
 * ```
 */
export async function importMentoringEvents(
  db: Kysely<Database>,
  file: string,
  options: MentoringImportOptions = {},
): Promise<MentoringImportResult> {
  const progress = (step: string) =>
    options.onProgress?.({ step, done: STEPS.indexOf(step), total: STEPS.length - 1 });
  progress('reading');
  const { fileName, detected, contentHash } = await openImportFile(file);
  const reject = (rejections: Rejection[]): never => {
    throw new ImportRejectedError(fileName, rejections);
  };
  const fileProblem = (reason: string) =>
    reject([{ row: null, column: null, value: null, reason }]);

  const result = await db.transaction().execute(async (trx) => {
    const path = sqlLiteral(file);
    let columns: string[];
    if (detected.format === 'csv') {
      columns = detected.header;
    } else {
      const described = await sql<{ column_name: string }>`
        describe select * from read_parquet(${trustedSql(path)}, hive_partitioning = false)`
        .execute(trx)
        .catch((error: unknown) =>
          fileProblem(`the Parquet file cannot be read: ${readableErrorMessage(error)}`),
        );
      columns = described.rows.map((r) => r.column_name);
    }
    const columnRejections = checkColumns(columns, {
      required: MENTORING_EVENT_COLUMNS,
      optional: OPTIONAL_MENTORING_EVENT_COLUMNS,
      kind: 'a mentoring events file',
    });
    if (columnRejections.length > 0) reject(columnRejections);

    // Every column as text, absent optional ones as null: a bad value becomes a named rejection
    // rather than a failed cast.
    const staged = ALL_COLUMNS.map((c) =>
      columns.includes(c) ? `nullif(trim(${c}::varchar), '') as ${c}` : `null::varchar as ${c}`,
    ).join(', ');
    let parseErrors: Rejection[] = [];
    if (detected.format === 'csv') {
      parseErrors = await readCsvAsText(trx, {
        file,
        columns,
        prefix: 'mentoring_import',
      }).catch((error: unknown) =>
        error instanceof UnreadableFileError ? fileProblem(error.message) : Promise.reject(error),
      );
      await sql
        .raw(
          `create or replace temp table mentoring_import_staging as
          select row, ${staged} from mentoring_import_text`,
        )
        .execute(trx);
    } else {
      await sql
        .raw(
          `create or replace temp table mentoring_import_staging as
          select (file_row_number + 1)::integer as row, ${staged}
          from read_parquet(${path}, file_row_number = true, hive_partitioning = false)`,
        )
        .execute(trx);
    }

    progress('validating');
    const rows = (
      await sql<StagedRow>`select * from mentoring_import_staging order by row`.execute(trx)
    ).rows;
    if (rows.length === 0 && parseErrors.length === 0) fileProblem('the file has no data rows');

    const structural = await validateRows(trx, options.replace ?? false);
    const rejections = [...parseErrors, ...structural];
    // An event's column already rejected above is not reported again by the domain schema.
    const eventOfRow = new Map(rows.map((r) => [r.row, r.event_id]));
    const rejected = new Set(
      structural.map((r) => `${eventOfRow.get(r.row ?? -1) ?? ''}\u0000${r.column ?? ''}`),
    );
    const events: MentoringEvent[] = [];
    for (const [id, eventRows] of groupEvents(rows)) {
      const result = MentoringEvent.safeParse(toEventInput(id, eventRows));
      if (result.success) {
        events.push(result.data);
        continue;
      }
      for (const issue of result.error.issues) {
        const { rejection, dependsOn } = issueRejection(issue, eventRows);
        if (!dependsOn.some((c) => rejected.has(`${id}\u0000${c}`))) rejections.push(rejection);
      }
    }
    if (rejections.length > 0) {
      rejections.sort(
        (a, b) => (a.row ?? 0) - (b.row ?? 0) || (a.column ?? '').localeCompare(b.column ?? ''),
      );
      reject(rejections);
    }

    progress('writing');
    const ids = events.map((e) => e.id);
    let replaced = 0;
    if (options.replace) {
      for (const table of [
        'mentoring_event_sectors',
        'mentoring_event_villages',
        'mentoring_event_participants',
      ] as const) {
        await trx.deleteFrom(table).where('event_id', 'in', ids).execute();
      }
      const deleted = await trx.deleteFrom('mentoring_events').where('id', 'in', ids).execute();
      replaced = Number(deleted[0]?.numDeletedRows ?? 0);
    }
    const batchId = await nextImportBatchId(trx);
    for (const event of events) {
      await insertMentoringEvent(trx, event, { source: 'imported', batchId });
    }
    const dataVersion = await recordImportBatch(trx, {
      id: batchId,
      kind: 'mentoring',
      fileName,
      contentHash: await contentHash,
      rowsAccepted: rows.length,
      replaced,
    });
    // After the data version is bumped: the figures (mentoring's among them) are stamped with it.
    progress('figures');
    await refreshFigures(trx);
    // Created inside the transaction: gone with a rollback, dropped here after a commit.
    const text = csvTextObjects('mentoring_import');
    for (const view of text.views) await sql`drop view if exists ${sql.table(view)}`.execute(trx);
    for (const table of ['mentoring_import_staging', ...text.tables]) {
      await sql`drop table if exists ${sql.table(table)}`.execute(trx);
    }
    return {
      batchId,
      fileName,
      format: detected.format,
      events: events.length,
      villages: events.reduce((n, e) => n + e.villages.codes.length, 0),
      dataVersion,
    };
  });
  // After the COMMIT has returned: 'done' inside the transaction was reported before a commit
  // that could still fail or be killed.
  progress('done');
  return result;
}

/**
 * The structural checks, in one query over the staging table. Event-level values are checked on
 * the event's first row; its other rows only have to agree with it, so one bad value repeated on
 * every row is reported once.
 */
async function validateRows(trx: Kysely<Database>, replace: boolean): Promise<Rejection[]> {
  const isDate = (c: string) =>
    `(regexp_full_match(s.${c}, '[0-9]{4}-[0-9]{2}-[0-9]{2}') and try_cast(s.${c} as date) is not null)`;
  const isWhole = (c: string) =>
    `(regexp_full_match(s.${c}, '-?[0-9]+') and try_cast(s.${c} as integer) is not null)`;
  const isVillage = (c: string) =>
    `regexp_full_match(s.${c}, '[0-9]{2}\\.[0-9]{2}\\.[0-9]{2}\\.[0-9]{4}')`;
  const first = 's.row = s.first_row';
  const date = (c: string, extra = '') => `case when not ${first} then null
      when s.${c} is null then 'is missing'
      when not ${isDate(c)} then 'is not a date (YYYY-MM-DD, e.g. 2021-11-02)' ${extra} end`;
  const whole = (c: string) => `case when not ${first} then null
      when s.${c} is null then 'is missing'
      when not ${isWhole(c)} then 'is not a whole number' end`;
  const missing = (c: string) => `case when ${first} and s.${c} is null then 'is missing' end`;
  const checks: Array<[column: Column, reason: string]> = [
    ['event_id', `case when s.event_id is null then 'is missing' end`],
    ['start_date', date('start_date')],
    [
      'end_date',
      date(
        'end_date',
        `when ${isDate('start_date')} and s.end_date < s.start_date
          then 'is before start_date (' || s.start_date || ')'`,
      ),
    ],
    ['format', missing('format')],
    ['sectors', missing('sectors')],
    [
      'venue_village_code',
      `case when not ${first} or v.code is not null then null
        when s.venue_village_code is null then 'is missing'
        when not ${isVillage('venue_village_code')}
          then 'is not a village code (PP.RR.DD.VVVV, e.g. 35.05.04.2014)'
        else 'is not a known village code' end`,
    ],
    ['participants_total', whole('participants_total')],
    ['village_count', whole('village_count')],
    [
      'sessions',
      `case when ${first} and s.sessions is not null and not ${isWhole('sessions')}
        then 'is not a whole number' end`,
    ],
    [
      'village_code',
      `case when p.code is not null then null
        when s.village_code is null then case when s.event_id is not null and s.event_rows > 1 then
          'is missing: event ' || s.event_id || ' has ' || s.event_rows || ' rows, one per participating village (leave village_code empty only on the single row of an event whose villages are not listed)' end
        when not ${isVillage('village_code')}
          then 'is not a village code (PP.RR.DD.VVVV, e.g. 35.05.04.2014)'
        else 'is not a known village code' end`,
    ],
    ...EVENT_LEVEL_COLUMNS.map((c): [Column, string] => [
      c,
      `case when not ${first} and s.${c} is distinct from f.${c}
        then 'differs from row ' || f.row || ', the first row of event ' || s.event_id || ' ('
          || coalesce('"' || f.${c} || '"', 'empty') || '); event-level columns repeat unchanged on every row of an event' end`,
    ]),
  ];
  const duplicates = `select row, 'village_code' as col, village_code as val,
      'duplicates row ' || first || ' (same event_id and village_code)' as reason
    from (select *, min(row) over (partition by event_id, village_code) as first
      from mentoring_import_staging where event_id is not null and village_code is not null)
    where row <> first`;
  const existing = `select s.row, 'event_id' as col, s.event_id as val,
      'is already in the database (use --replace to overwrite it)' as reason
    from (select event_id, min(row) as row from mentoring_import_staging
      where event_id is not null group by event_id) s
    join mentoring_events e on e.id = s.event_id`;
  const listed = [
    `select row, c.col, c.val, c.reason from (
      select s.row, unnest([${checks
        .map(([column, reason]) => `{'col': '${column}', 'val': s.${column}, 'reason': ${reason}}`)
        .join(', ')}]) as c
      from (select *,
          case when event_id is null then row else min(row) over (partition by event_id) end as first_row,
          count(*) over (partition by event_id) as event_rows
        from mentoring_import_staging) s
      left join mentoring_import_staging f on f.row = s.first_row
      left join regions v on v.code = s.venue_village_code and v.level = 'village'
      left join regions p on p.code = s.village_code and p.level = 'village'
    ) where c.reason is not null`,
    duplicates,
    ...(replace ? [] : [existing]),
  ];
  const result = await sql<Rejection>`
    select row::integer as row, col as "column", val as value, reason from (
      ${trustedSql(listed.join('\nunion all\n'))}
    ) order by row, col`.execute(trx);
  return result.rows;
}

/** Rows by event id (ids trimmed, in order of first appearance), each event's rows in file order. */
function groupEvents(rows: readonly StagedRow[]): Map<string, StagedRow[]> {
  const events = new Map<string, StagedRow[]>();
  for (const row of rows) {
    if (row.event_id === null) continue;
    const list = events.get(row.event_id);
    if (list) list.push(row);
    else events.set(row.event_id, [row]);
  }
  return events;
}

/** `a; b;` as `['a', 'b']`: items trimmed, empty ones dropped. */
function splitList(value: string | null): string[] {
  return (value ?? '')
    .split(';')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** The domain input of one event, from its rows; absent values are left out, never zero. */
function toEventInput(id: string, rows: readonly StagedRow[]): unknown {
  const first = rows[0] as StagedRow;
  const number = (value: string | null) => (value === null ? undefined : Number(value));
  const text = (value: string | null) => value ?? undefined;
  const start = first.start_date;
  const end = first.end_date;
  return {
    id,
    title: text(first.title),
    date: start !== null && start === end ? start : { start: text(start), end: text(end) },
    format: text(first.format),
    sectors: splitList(first.sectors),
    sessions: number(first.sessions),
    venue: { villageCode: text(first.venue_village_code), name: text(first.venue_name) },
    villages: {
      count: number(first.village_count),
      codes: rows.flatMap((r) => (r.village_code === null ? [] : [r.village_code])),
    },
    participants: { total: number(first.participants_total) },
    organisers: splitList(first.organisers),
    notes: text(first.notes),
  };
}

type Issue = NonNullable<ReturnType<typeof MentoringEvent.safeParse>['error']>['issues'][number];

/**
 * A domain issue as a rejection: the event's first row (a village's own row) and the field's
 * column. `dependsOn`: the columns whose structural rejection already explains the issue.
 */
function issueRejection(
  issue: Issue,
  rows: readonly StagedRow[],
): { rejection: Rejection; dependsOn: Column[] } {
  const first = rows[0] as StagedRow;
  const [field, sub, index] = issue.path;
  let row = first;
  let column: Column | null = null;
  let item: number | null = null;
  let dependsOn: Column[] | null = null;
  switch (field) {
    case 'id':
      column = 'event_id';
      break;
    case 'date':
      column = sub === 'end' ? 'end_date' : 'start_date';
      // Either date rejected makes the date union fail as a whole.
      dependsOn = ['start_date', 'end_date'];
      break;
    case 'venue':
      column = sub === 'name' ? 'venue_name' : 'venue_village_code';
      break;
    case 'villages':
      if (sub === 'codes' && typeof index === 'number') {
        column = 'village_code';
        row = rows.filter((r) => r.village_code !== null)[index] ?? first;
      } else {
        // More villages listed than counted: a disagreement with village_count, unless a
        // village row was rejected (a repeated village counts twice here).
        column = 'village_count';
        dependsOn = ['village_count', 'village_code'];
      }
      break;
    case 'participants':
      column = 'participants_total';
      break;
    case 'sectors':
    case 'organisers':
      column = field;
      item = typeof sub === 'number' ? sub : null;
      break;
    case 'title':
    case 'format':
    case 'sessions':
    case 'notes':
      column = field;
      break;
  }
  const value = column === null ? null : row[column];
  let reason = issue.message.charAt(0).toLowerCase() + issue.message.slice(1);
  if (column === 'sectors' || column === 'organisers') {
    const items = splitList(value);
    if (item !== null) {
      reason = `item ${item + 1}, ${JSON.stringify(items[item])}: ${reason}`;
    } else if (issue.code === 'too_small' && items.length === 0) {
      reason = `is missing: an event needs at least one (separated by ';')`;
    }
  }
  return {
    rejection: { row: row.row, column, value, reason },
    dependsOn: dependsOn ?? (column === null ? [] : [column]),
  };
}
