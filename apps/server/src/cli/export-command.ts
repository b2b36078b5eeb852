import { existsSync } from 'node:fs';
import { EXPORT_FORMATS, exportDataset, openDatabase, type ExportFormat } from '@pandu/db';
import { CliError } from './cli-error.js';
import { createProgressBar } from './progress-bar.js';

export interface ExportCommandOptions {
  db: string;
  format: string | undefined;
  out: string | undefined;
  region?: string | undefined;
  from?: number | undefined;
  to?: number | undefined;
  overwrite: boolean;
  interactive: boolean;
}

/** `pandu export`: Parquet, CSV or DuckDB with a data dictionary. */
export async function exportCommand(options: ExportCommandOptions): Promise<void> {
  if (!options.format) throw new CliError('--format is required (parquet, csv or duckdb)', 2);
  if (!(EXPORT_FORMATS as readonly string[]).includes(options.format)) {
    throw new CliError(`--format must be parquet, csv or duckdb, got "${options.format}"`, 2);
  }
  if (!options.out) throw new CliError('--out DIR is required', 2);
  if (!existsSync(options.db)) {
    throw new CliError(`no database at ${options.db}: create one with 'pandu seed' first`);
  }
  const db = await openDatabase(options.db);
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
      `${rows.toLocaleString('en')} rows, ${(bytes / 1e6).toFixed(1)} MB as ${result.format} in ${result.outDir} (see ${result.dictionaryPath})`,
    );
  } finally {
    await db.destroy();
  }
}
