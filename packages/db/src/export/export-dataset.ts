import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { ancestorCodes, parseRegionCode } from '@pandu/domain';
import type { Database } from '../schema/database.js';
import { UnknownRegionError } from '../errors.js';
import { sqlLiteral } from '../seed/sql-literal.js';
import { EXPORT_TABLES, type ScopeSql } from './export-tables.js';
import { dataDictionary } from './data-dictionary.js';

export type ExportFormat = 'parquet' | 'csv' | 'duckdb';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['parquet', 'csv', 'duckdb'];

export interface ExportOptions {
  format: ExportFormat;
  /** Directory to write into; created if missing, refused if not empty unless `overwrite`. */
  outDir: string;
  /** Only this region's villages (any level) and the regions above them. */
  region?: string | undefined;
  years?: { from?: number | undefined; to?: number | undefined } | undefined;
  overwrite?: boolean;
  onProgress?: (progress: { step: string; done: number; total: number }) => void;
}

export interface ExportedFile {
  path: string;
  table: string;
  rows: number;
  bytes: number;
}

export interface ExportResult {
  outDir: string;
  format: ExportFormat;
  files: ExportedFile[];
  dictionaryPath: string;
}

/** Bad export options: the message names the option. */
export class ExportOptionsError extends Error {
  override readonly name = 'ExportOptionsError';
}

/**
 * Export the dataset (or one region's part of it) as Parquet, CSV or a standalone DuckDB file,
 * always with a data dictionary (`DATA_DICTIONARY.md` and `data-dictionary.json`) that defines
 * every table and column, the indicators, the source kinds, says plainly which values are
 * synthetic, and carries the ODbL attribution of the region data.
 *
 * Parquet: zstd; `observations` and `village_index` hive-partitioned by province and year
 * (`observations/province=35/year=2021/data_0.parquet`), each file still holding every column
 * (partition columns too), so a reader that ignores folder names loses nothing. Other tables are
 * one file each. CSV: one file per table. DuckDB: `pandu-export.duckdb` with the same tables.
 *
 * @example
 * ```ts
 * await exportDataset(db, { format: 'parquet', outDir: 'out', region: '35.05', years: { from: 2023 } });
 * ```
 */
export async function exportDataset(
  db: Kysely<Database>,
  options: ExportOptions,
): Promise<ExportResult> {
  if (!EXPORT_FORMATS.includes(options.format)) {
    throw new ExportOptionsError(
      `format must be one of ${EXPORT_FORMATS.join(', ')}, got "${String(options.format)}"`,
    );
  }
  const outDir = resolve(options.outDir);
  const { from, to } = options.years ?? {};
  for (const [name, year] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (year !== undefined && !(Number.isInteger(year) && year >= 2000 && year <= 2100)) {
      throw new ExportOptionsError(`years.${name} must be a year from 2000 to 2100, got ${year}`);
    }
  }
  if (from !== undefined && to !== undefined && from > to) {
    throw new ExportOptionsError(`years.from (${from}) is after years.to (${to})`);
  }
  let region: string | undefined;
  if (options.region !== undefined) {
    region = parseRegionCode(options.region);
    const found = await db
      .selectFrom('regions')
      .select('code')
      .where('code', '=', region)
      .executeTakeFirst();
    if (!found) throw new UnknownRegionError(region);
  }
  const existing = await readdir(outDir).catch(() => [] as string[]);
  if (existing.length > 0 && !options.overwrite) {
    throw new ExportOptionsError(
      `${outDir} is not empty: choose an empty directory or pass overwrite`,
    );
  }
  await mkdir(outDir, { recursive: true });

  const scope: ScopeSql = {
    inside: (c) =>
      region ? `(${c} = ${sqlLiteral(region)} or ${c} like ${sqlLiteral(`${region}.%`)})` : 'true',
    insideOrAbove: (c) =>
      region
        ? `(${c} = ${sqlLiteral(region)} or ${c} like ${sqlLiteral(`${region}.%`)}${ancestorCodes(
            region,
          )
            .map((a) => ` or ${c} = ${sqlLiteral(a)}`)
            .join('')})`
        : 'true',
    years: (c) =>
      [
        from !== undefined ? `${c} >= ${from}` : 'true',
        to !== undefined ? `${c} <= ${to}` : 'true',
      ].join(' and '),
  };

  const files: ExportedFile[] = [];
  const total = EXPORT_TABLES.length + 1;
  const progress = (step: string, done: number) => options.onProgress?.({ step, done, total });
  // One connection throughout: ATTACH and COPY state stay with it.
  await db.connection().execute(async (conn) => {
    const run = (text: string) => sql.raw(text).execute(conn);
    const count = async (select: string) => {
      const r = await sql<{ n: number }>`select count(*) as n from (${sql.raw(select)})`.execute(
        conn,
      );
      return r.rows[0]?.n ?? 0;
    };
    const target = join(outDir, 'pandu-export.duckdb');
    if (options.format === 'duckdb') await run(`attach ${sqlLiteral(target)} as pandu_export`);
    try {
      for (const [i, table] of EXPORT_TABLES.entries()) {
        progress(table.name, i);
        const select = table.select(scope);
        const rows = await count(select);
        if (options.format === 'duckdb') {
          await run(`create table pandu_export.${table.name} as ${select}`);
          continue;
        }
        if (options.format === 'csv') {
          const path = join(outDir, `${table.name}.csv`);
          await run(`copy (${select}) to ${sqlLiteral(path)} (format csv, header true)`);
          files.push({ path, table: table.name, rows, bytes: (await stat(path)).size });
          continue;
        }
        if (table.partitioned) {
          const dir = join(outDir, table.name);
          await mkdir(dir, { recursive: true });
          if (rows > 0) {
            await run(
              `copy (${select}) to ${sqlLiteral(dir)} (format parquet, compression zstd,
                partition_by (province, year), write_partition_columns true, overwrite_or_ignore true)`,
            );
          }
          files.push({ path: dir, table: table.name, rows, bytes: await directorySize(dir) });
        } else {
          const path = join(outDir, `${table.name}.parquet`);
          await run(`copy (${select}) to ${sqlLiteral(path)} (format parquet, compression zstd)`);
          files.push({ path, table: table.name, rows, bytes: (await stat(path)).size });
        }
      }
    } finally {
      if (options.format === 'duckdb') await run('detach pandu_export');
    }
    if (options.format === 'duckdb') {
      files.push({ path: target, table: '*', rows: 0, bytes: (await stat(target)).size });
    }
  });

  progress('data dictionary', EXPORT_TABLES.length);
  const meta = await db.selectFrom('dataset_meta').select(['key', 'value']).execute();
  const dictionary = dataDictionary({
    format: options.format,
    region: region ?? null,
    years: { from: from ?? null, to: to ?? null },
    meta: Object.fromEntries(meta.map((m) => [m.key, m.value])),
    exportedAt: new Date().toISOString(),
    files: files.map((f) => ({ table: f.table, rows: f.rows })),
  });
  const dictionaryPath = join(outDir, 'DATA_DICTIONARY.md');
  await writeFile(dictionaryPath, dictionary.markdown, 'utf8');
  await writeFile(
    join(outDir, 'data-dictionary.json'),
    `${JSON.stringify(dictionary.json, null, 2)}\n`,
    'utf8',
  );
  progress('done', total);
  return { outDir, format: options.format, files, dictionaryPath };
}

async function directorySize(dir: string): Promise<number> {
  let bytes = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) bytes += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return bytes;
}
