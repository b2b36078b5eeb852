import type { ExportFormat } from '@pandu/domain';

// The formats are the domain's closed list (EXPORT_FORMATS, ExportFormat); re-exported so callers
// of exportDataset find them beside it.
export { EXPORT_FORMATS, type ExportFormat } from '@pandu/domain';

/** Progress of an export: one step per table, and per partition file of a partitioned table. */
export interface ExportProgress {
  /** What is being written, e.g. `regions` or `observations province=35 year=2021`. */
  step: string;
  /** Steps finished. */
  done: number;
  total: number;
}

export interface ExportOptions {
  format: ExportFormat;
  /**
   * Directory to write into; created if missing. A non-empty directory is refused unless
   * `overwrite`, which replaces the files an export writes there and leaves any other file alone.
   */
  outDir: string;
  /**
   * Any region code (province `35`, regency `35.05`, district `35.05.04` or village
   * `35.05.04.2014`): export only its villages, and the regions from it down to them and up to its
   * province. Default: all of Indonesia.
   */
  region?: string | undefined;
  /** First and last year, both included. Default: every year in the data. */
  years?: { from?: number | undefined; to?: number | undefined } | undefined;
  overwrite?: boolean | undefined;
  onProgress?: ((progress: ExportProgress) => void) | undefined;
}

/** One data file written. */
export interface ExportedFile {
  /** Absolute path. */
  path: string;
  /** The table it holds; null for `pandu-export.duckdb`, which holds them all. */
  table: string | null;
  /** Rows in the file (all tables' rows for the .duckdb file). */
  rows: number;
  bytes: number;
}

/** One table exported, with its rows over all its files. */
export interface ExportedTable {
  name: string;
  rows: number;
}

/** What an export wrote. */
export interface ExportResult {
  format: ExportFormat;
  /** Absolute path of the directory written. */
  outDir: string;
  /** Data files, in the order written (the dictionary and licence files are not listed). */
  files: ExportedFile[];
  tables: ExportedTable[];
  /** `DATA_DICTIONARY.md`; `data-dictionary.json` and `LICENSE-DATA.md` sit beside it. */
  dictionaryPath: string;
}
