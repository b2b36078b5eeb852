import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Kysely } from 'kysely';
import {
  ImportRejectedError,
  describeRejection,
  importMentoringEvents,
  importObservations,
  openDatabase,
  osActor,
  writeRejectsCsv,
  type Database,
  type WriteCounts,
} from '@pandu/db';
import { CliError } from './cli-error.js';
import { openDataStore, requireCurrent, rethrowForCli } from './open-data-store.js';
import { createProgressBar, type Progress } from './progress-bar.js';
import type { StoreTarget } from './store-target.js';
import { createWriteProgress } from './write-progress.js';

export interface ImportCommandOptions {
  target: StoreTarget;
  file: string;
  kind: 'observations' | 'mentoring';
  replace: boolean;
  rejects?: string | undefined;
  /** Version files a data directory keeps. */
  keep: number;
  interactive: boolean;
}

/** How many rejections the terminal shows; --rejects writes them all. */
const SHOWN = 20;
/** The `total` each import reports with its steps (observations: reading .. done). */
const WORK_TOTAL = { observations: 5, mentoring: 4 } as const;

/**
 * `pandu import`: validated, all-or-nothing import of an observations or mentoring file. In a
 * data directory it publishes a new version, attributed to the operating-system user, and prints
 * its number on stdout; a rejected file publishes nothing. With `--db FILE` it writes into that
 * file, as before data directories.
 */
export async function importCommand(options: ImportCommandOptions): Promise<void> {
  if (options.target.kind === 'data') return importIntoDataDirectory(options.target.dir, options);
  const path = options.target.path;
  if (!existsSync(path)) {
    throw new CliError(`no database at ${path}: create one with 'pandu seed' first`);
  }
  const db = await openDatabase(path);
  const bar = createProgressBar('import', { interactive: options.interactive });
  try {
    const { message } = await runImport(db, options, (p) => bar.update(p));
    bar.finish(message);
  } catch (error) {
    if (error instanceof ImportRejectedError) throw await rejectedError(bar, error, options, null);
    throw error;
  } finally {
    await db.destroy();
  }
}

async function importIntoDataDirectory(dir: string, options: ImportCommandOptions): Promise<void> {
  const store = await openDataStore(dir, { keep: options.keep });
  const current = await requireCurrent(store);
  const bar = createProgressBar('import', { interactive: options.interactive });
  const progress = createWriteProgress(bar, WORK_TOTAL[options.kind]);
  const fileName = await importedName(options.file);
  try {
    const { result, record } = await store.write(
      {
        actor: osActor(),
        action: options.kind === 'mentoring' ? 'import-mentoring' : 'import-observations',
        fileName,
        onProgress: progress.store,
      },
      (db) => runImport(db, options, progress.work),
    );
    bar.finish(`${result.message}; published as version ${record.version} of ${dir}`);
    console.log(record.version);
  } catch (error) {
    if (error instanceof ImportRejectedError) {
      throw await rejectedError(bar, error, options, `version ${current.version} stays current`);
    }
    rethrowForCli(error);
  }
}

/** The name the audit records: the file's, or a folder's followed by `/` (as the import names it). */
async function importedName(file: string): Promise<string> {
  const info = await stat(file).catch(() => null);
  return info?.isDirectory() ? `${basename(file)}/` : basename(file);
}

/** Run the import; its batch record gives the counts and the file's hash for the audit. */
async function runImport(
  db: Kysely<Database>,
  options: ImportCommandOptions,
  onProgress: (progress: Progress) => void,
): Promise<{ message: string } & WriteCounts> {
  let message: string;
  let batchId: number;
  if (options.kind === 'mentoring') {
    const result = await importMentoringEvents(db, options.file, {
      replace: options.replace,
      onProgress,
    });
    batchId = result.batchId;
    message =
      `${result.events.toLocaleString('en')} mentoring events from ${result.fileName} (${result.format}); ` +
      `batch ${result.batchId}, data version ${result.dataVersion}`;
  } else {
    const result = await importObservations(db, options.file, {
      replace: options.replace,
      onProgress,
    });
    batchId = result.batchId;
    message =
      `${result.accepted.toLocaleString('en')} values from ${result.fileName} (${result.format}), ` +
      `${result.replaced.toLocaleString('en')} replaced, ${result.villages.toLocaleString('en')} villages re-indexed; ` +
      `batch ${result.batchId}, data version ${result.dataVersion}`;
  }
  const batch = await db
    .selectFrom('import_batches')
    .select(['content_hash', 'rows_accepted', 'replaced', 'kind'])
    .where('id', '=', batchId)
    .executeTakeFirstOrThrow();
  return {
    message,
    rowsAccepted: batch.rows_accepted,
    rowsReplaced: batch.replaced,
    fileSha256: batch.content_hash,
    summary: `${batch.rows_accepted} ${batch.kind === 'mentoring' ? 'mentoring rows' : 'values'} accepted, ${batch.replaced} replaced (batch ${batchId}${options.replace ? ', --replace' : ''})`,
  };
}

/** The rejection report as a one-line-per-rejection CliError (exit 1), after writing --rejects. */
async function rejectedError(
  bar: { finish(message: string): void },
  error: ImportRejectedError,
  options: ImportCommandOptions,
  unchanged: string | null,
): Promise<CliError> {
  bar.finish('rejected');
  const lines = error.rejections.slice(0, SHOWN).map((r) => `  ${describeRejection(r)}`);
  const more = error.rejectionCount - lines.length;
  if (options.rejects) await writeRejectsCsv(error.rejections, options.rejects);
  return new CliError(
    [
      `${error.fileName}: ${error.rejectionCount.toLocaleString('en')} rejected, nothing imported${unchanged ? ` (${unchanged})` : ''}`,
      ...lines,
      more > 0 ? `  ... and ${more.toLocaleString('en')} more` : '',
      options.rejects
        ? error.rejections.length < error.rejectionCount
          ? `the first ${error.rejections.length.toLocaleString('en')} rejections written to ${options.rejects}`
          : `all rejections written to ${options.rejects}`
        : more > 0
          ? 'use --rejects OUT.csv to write them all'
          : '',
    ]
      .filter(Boolean)
      .join('\n'),
  );
}
