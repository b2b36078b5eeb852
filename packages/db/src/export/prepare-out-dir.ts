import { mkdir, readdir, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ExportOptionsError } from './export-options-error.js';
import { EXPORT_TABLES } from './export-tables.js';
import { DUCKDB_EXPORT_FILE } from './plan-duckdb-export.js';

/** The files an export writes besides the data files. */
export const DICTIONARY_FILES = {
  markdown: 'DATA_DICTIONARY.md',
  json: 'data-dictionary.json',
  licence: 'LICENSE-DATA.md',
  methods: 'METHODS.md',
} as const;

/** Every name an export of any format may write directly in its directory. */
export function exportOutputNames(): string[] {
  return [
    ...EXPORT_TABLES.flatMap((t) => [
      `${t.name}.parquet`,
      `${t.name}.csv`,
      ...(t.partitionedBy ? [t.name] : []),
    ]),
    DUCKDB_EXPORT_FILE,
    `${DUCKDB_EXPORT_FILE}.wal`,
    ...Object.values(DICTIONARY_FILES),
  ];
}

/**
 * Check that `outDir` can take an export, and make it ready. A missing directory is created; an
 * existing one must be empty, unless `overwrite`, and then only what an export writes is removed
 * (a stale `observations/province=..` folder from an earlier export would otherwise be read as
 * part of this one); any other file is left alone. Writability is proven by writing a file, which
 * also catches a read-only file system (where `access(W_OK)` can say yes, and root always does).
 *
 * @example
 * ```ts
 * const { created } = await prepareOutDir('/data/exports/blitar', { overwrite: false });
 * ```
 */
export async function prepareOutDir(
  outDir: string,
  options: { overwrite: boolean },
): Promise<{ created: boolean }> {
  const info = await stat(outDir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw new ExportOptionsError(
      `outDir cannot be read: ${outDir} (${error.code ?? error.message})`,
    );
  });
  if (info && !info.isDirectory()) {
    throw new ExportOptionsError(`outDir is not a directory: ${outDir}`);
  }
  if (info) {
    const entries = await readdir(outDir);
    if (entries.length > 0 && !options.overwrite) {
      throw new ExportOptionsError(
        `outDir is not empty: ${outDir} (${entries.length} entries): choose an empty or new directory, or pass overwrite`,
      );
    }
  } else {
    await mkdir(outDir, { recursive: true }).catch((error: NodeJS.ErrnoException) => {
      throw new ExportOptionsError(
        `outDir cannot be created: ${outDir} (${error.code ?? error.message})`,
      );
    });
  }
  const probe = join(outDir, `.pandu-export-${process.pid}-${Date.now()}`);
  try {
    await writeFile(probe, '');
    await rm(probe, { force: true });
  } catch (error) {
    throw new ExportOptionsError(
      `outDir is not writable: ${outDir} (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
  if (options.overwrite) await removeExportOutputs(outDir);
  return { created: !info };
}

/**
 * Remove what an export writes in `outDir` (after a failed export, or before an overwrite), and
 * the directory itself if the export created it and it is now empty.
 */
export async function removeExportOutputs(
  outDir: string,
  options: { removeDirIfEmpty?: boolean } = {},
): Promise<void> {
  for (const name of exportOutputNames()) {
    await rm(join(outDir, name), { recursive: true, force: true });
  }
  if (options.removeDirIfEmpty) await rmdir(outDir).catch(() => {});
}
