import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { detectFileFormat, type DetectedFormat } from './detect-file-format.js';
import { fileSha256 } from './file-sha256.js';
import { ImportRejectedError } from './import-types.js';

/** A file an import can read: CSV (with its header) or Parquet. */
export type ReadableFormat = Exclude<DetectedFormat, { format: 'invalid' }>;

/**
 * The first step of every import: the file exists, is a file, and is CSV or Parquet; otherwise
 * one file-level {@link ImportRejectedError}. Its SHA-256 starts at once and is only awaited for
 * the batch record, so hashing overlaps DuckDB's reading.
 *
 * @example
 * ```ts
 * const { fileName, detected, contentHash } = await openImportFile('survey.csv');
 * ```
 */
export async function openImportFile(
  file: string,
): Promise<{ fileName: string; detected: ReadableFormat; contentHash: Promise<string> }> {
  const fileName = basename(file);
  const problem = (reason: string) =>
    new ImportRejectedError(fileName, [{ row: null, column: null, value: null, reason }]);
  const info = await stat(file).catch(() => null);
  if (!info) throw problem(`file not found: ${file}`);
  if (!info.isFile()) throw problem(`not a file: ${file}`);
  const detected = await detectFileFormat(file);
  if (detected.format === 'invalid') throw new ImportRejectedError(fileName, [detected.rejection]);
  const contentHash = fileSha256(file);
  // Awaited only on success; a rejected import must not leave an unhandled rejection behind.
  contentHash.catch(() => undefined);
  return { fileName, detected, contentHash };
}
