import { existsSync } from 'node:fs';
import {
  ImportRejectedError,
  describeRejection,
  importMentoringEvents,
  importObservations,
  openDatabase,
  writeRejectsCsv,
} from '@pandu/db';
import { CliError } from './cli-error.js';
import { createProgressBar } from './progress-bar.js';

export const IMPORT_HELP = `Usage: pandu import FILE [--kind observations|mentoring] [--db FILE] [--replace] [--rejects OUT.csv]

Load observations (default) or mentoring events from a CSV or Parquet file, all or nothing: if
any row is rejected, nothing is written and every rejected row is named with its column and the
reason.

The file has one row per value and the header village_code,year,indicator,value
(optional columns: source, province). Example:

  village_code,year,indicator,value
  35.05.04.2014,2026,digital_skills,3.62
  35.05.04.2014,2026,access_4g_signal,91.5
  35.05.04.2001,2026,outcome_msme_online,18.25

Rows are named by their line (the header is line 1, blank lines count) in a CSV file, by their index (from 1)
in a Parquet file. Indicator ids and their valid ranges: see 'pandu export' or the README.

FILE may be a folder of observation Parquet files, read as one file in one transaction, e.g. the
observations/ folder of 'pandu export --format parquet' (every province=PP/year=YYYY/ partition):
  pandu import --replace exports/observations
Rejections then name the file as well as the row.

Mentoring events (--kind mentoring): one row per event and participating village, columns
event_id,start_date,end_date,format,sectors,venue_village_code,participants_total,village_count,
organisers and optionally village_code,title,sessions,venue_name,notes (sectors and organisers
separated by ';'; every event needs at least one organiser).

Options:
  --db FILE          database file (default: $PANDU_DB or data/pandu.duckdb)
  --kind K           observations (default) or mentoring
  --replace          overwrite what is already stored (same village, year and indicator; same event id)
  --rejects OUT.csv  write every rejection to a CSV file (row,column,value,reason; file first for a folder)
  -h, --help         show this help`;

export interface ImportCommandOptions {
  db: string;
  file: string;
  kind: 'observations' | 'mentoring';
  replace: boolean;
  rejects?: string | undefined;
  interactive: boolean;
}

/** How many rejections the terminal shows; --rejects writes them all. */
const SHOWN = 20;

/** `pandu import`: validated, all-or-nothing import of an observations file. */
export async function importCommand(options: ImportCommandOptions): Promise<void> {
  if (!existsSync(options.db)) {
    throw new CliError(`no database at ${options.db}: create one with 'pandu seed' first`);
  }
  const db = await openDatabase(options.db);
  const bar = createProgressBar('import', { interactive: options.interactive });
  try {
    const onProgress = (p: { step: string; done: number; total: number }) => bar.update(p);
    if (options.kind === 'mentoring') {
      const result = await importMentoringEvents(db, options.file, {
        replace: options.replace,
        onProgress,
      });
      bar.finish(
        `${result.events.toLocaleString('en')} mentoring events from ${result.fileName} (${result.format}); ` +
          `batch ${result.batchId}, data version ${result.dataVersion}`,
      );
      return;
    }
    const result = await importObservations(db, options.file, {
      replace: options.replace,
      onProgress,
    });
    bar.finish(
      `${result.accepted.toLocaleString('en')} values from ${result.fileName} (${result.format}), ` +
        `${result.replaced.toLocaleString('en')} replaced, ${result.villages.toLocaleString('en')} villages re-indexed; ` +
        `batch ${result.batchId}, data version ${result.dataVersion}`,
    );
  } catch (error) {
    if (!(error instanceof ImportRejectedError)) throw error;
    bar.finish('rejected');
    const lines = error.rejections.slice(0, SHOWN).map((r) => `  ${describeRejection(r)}`);
    const more = error.rejectionCount - lines.length;
    if (options.rejects) await writeRejectsCsv(error.rejections, options.rejects);
    throw new CliError(
      [
        `${error.fileName}: ${error.rejectionCount.toLocaleString('en')} rejected, nothing imported`,
        ...lines,
        more > 0 ? `  ... and ${more.toLocaleString('en')} more` : '',
        options.rejects
          ? `all rejections written to ${options.rejects}`
          : more > 0
            ? 'use --rejects OUT.csv to write them all'
            : '',
      ]
        .filter(Boolean)
        .join('\n'),
    );
  } finally {
    await db.destroy();
  }
}
