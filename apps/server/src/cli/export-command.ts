import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import {
  EXPORT_FORMATS,
  exportDataset,
  openDatabase,
  type Database,
  type ExportFormat,
} from '@pandu/db';
import { CliError } from './cli-error.js';
import { openDataStore, requireCurrent } from './open-data-store.js';
import { createProgressBar } from './progress-bar.js';
import type { StoreTarget } from './store-target.js';

export interface ExportCommandOptions {
  target: StoreTarget;
  /** Version files a data directory keeps (adopting a legacy file publishes a version). */
  keep: number;
  format: string | undefined;
  out: string | undefined;
  region?: string | undefined;
  from?: number | undefined;
  to?: number | undefined;
  overwrite: boolean;
  interactive: boolean;
}

/**
 * `pandu export`: Parquet, CSV or DuckDB with a data dictionary. From a data directory it reads
 * the current version read-only (a published version is complete and migrated), so it runs while
 * a server serves the directory and while a write builds the next version.
 */
export async function exportCommand(options: ExportCommandOptions): Promise<void> {
  if (!options.format) throw new CliError('--format is required (parquet, csv or duckdb)', 2);
  if (!(EXPORT_FORMATS as readonly string[]).includes(options.format)) {
    throw new CliError(`--format must be parquet, csv or duckdb, got "${options.format}"`, 2);
  }
  if (!options.out) throw new CliError('--out DIR is required', 2);
  const { db, source } = await openSource(options);
  const bar = createProgressBar('export', { interactive: options.interactive });
  try {
    const result = await exportDataset(db, {
      format: options.format as ExportFormat,
      outDir: options.out,
      region: options.region,
      years: { from: options.from, to: options.to },
      overwrite: options.overwrite,
      onProgress: (p) => bar.update(p),
    });
    const rows = result.files.reduce((sum, f) => sum + f.rows, 0);
    const bytes = result.files.reduce((sum, f) => sum + f.bytes, 0);
    bar.finish(
      `${rows.toLocaleString('en')} rows of ${source}, ${(bytes / 1e6).toFixed(1)} MB as ${result.format} in ${result.outDir} (see ${result.dictionaryPath})`,
    );
  } finally {
    await db.destroy();
  }
}

async function openSource(
  options: ExportCommandOptions,
): Promise<{ db: Kysely<Database>; source: string }> {
  if (options.target.kind === 'data') {
    const store = await openDataStore(options.target.dir, { keep: options.keep });
    const current = await requireCurrent(store);
    const db = await openDatabase(join(store.dir, current.file), { readOnly: true });
    return { db, source: `version ${current.version}` };
  }
  const path = options.target.path;
  if (!existsSync(path)) {
    throw new CliError(`no database at ${path}: create one with 'pandu seed' first`);
  }
  // A single file is opened for writing, as before: its schema is brought up to date first.
  return { db: await openDatabase(path), source: path };
}
