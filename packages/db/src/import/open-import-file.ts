import { createHash } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import { detectFileFormat, type DetectedFormat } from './detect-file-format.js';
import { fileSha256 } from './file-sha256.js';
import { ImportRejectedError } from './import-types.js';

/** A file an import can read: CSV (with its header) or Parquet. */
export type ReadableFormat = Exclude<DetectedFormat, { format: 'invalid' }>;

/** What an import reads: one file, or the Parquet files of a folder read as one. */
export interface ImportSource {
  /** The file's name, or the folder's followed by `/`. */
  fileName: string;
  detected: ReadableFormat;
  /**
   * Absolute paths of the files to read: one for a file; for a folder, every `.parquet` file
   * under it (at any depth, e.g. an export's `observations/province=PP/year=YYYY/` folders), in
   * name order.
   */
  files: string[];
  /** For a folder, each file's path relative to it, as rejections name them; empty for a file. */
  relativeNames: string[];
  /** SHA-256 of the file, or of the folder's file names and contents. */
  contentHash: Promise<string>;
}

/**
 * The first step of every import: the file exists, is a file, and is CSV or Parquet; otherwise
 * one file-level {@link ImportRejectedError}. With `folders`, a folder is accepted too and read as
 * the Parquet files under it (every one must be Parquet; CSV files are imported one at a time).
 * The SHA-256 starts at once and is only awaited for the batch record, so hashing overlaps
 * DuckDB's reading.
 *
 * @example
 * ```ts
 * const { fileName, detected, files, contentHash } = await openImportFile('survey.csv');
 * ```
 */
export async function openImportFile(
  file: string,
  { folders = false }: { folders?: boolean } = {},
): Promise<ImportSource> {
  const info = await stat(file).catch(() => null);
  const fileName = info?.isDirectory() ? `${basename(file)}/` : basename(file);
  const problem = (reason: string) =>
    new ImportRejectedError(fileName, [{ row: null, column: null, value: null, reason }]);
  if (!info) throw problem(`file not found: ${file}`);
  if (info.isDirectory() && folders) return openFolder(file, fileName, problem);
  if (!info.isFile()) throw problem(`not a file: ${file}`);
  const detected = await detectFileFormat(file);
  if (detected.format === 'invalid') throw new ImportRejectedError(fileName, [detected.rejection]);
  const contentHash = fileSha256(file);
  // Awaited only on success; a rejected import must not leave an unhandled rejection behind.
  contentHash.catch(() => undefined);
  return { fileName, detected, files: [file], relativeNames: [], contentHash };
}

async function openFolder(
  folder: string,
  fileName: string,
  problem: (reason: string) => ImportRejectedError,
): Promise<ImportSource> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile() && e.name.toLowerCase().endsWith('.parquet'))
    .map((e) => join(e.parentPath ?? e.path, e.name))
    .sort();
  if (files.length === 0) {
    throw problem(
      `the folder holds no .parquet files: ${folder} (a folder import reads the Parquet files under it; import CSV files one at a time)`,
    );
  }
  const relativeNames = files.map((f) => relative(folder, f).split(sep).join('/'));
  for (const [i, f] of files.entries()) {
    const detected = await detectFileFormat(f);
    if (detected.format !== 'parquet') {
      throw problem(`${relativeNames[i] ?? f} is not a Parquet file`);
    }
  }
  const contentHash = (async () => {
    const hash = createHash('sha256');
    for (const [i, f] of files.entries()) {
      hash.update(`${relativeNames[i]}\0${await fileSha256(f)}\n`);
    }
    return hash.digest('hex');
  })();
  contentHash.catch(() => undefined);
  return { fileName, detected: { format: 'parquet' }, files, relativeNames, contentHash };
}
