import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { methodsMarkdown, OBSERVATION_YEARS, parseRegionCode } from '@pandu/domain';
import type { Database, SourceKind } from '../schema/database.js';
import { readSchemaComments, type SchemaComments } from '../schema/read-schema-comments.js';
import { UnknownRegionError } from '../errors.js';
import { trustedSql } from '../sql/index.js';
import { dataDictionary } from './data-dictionary.js';
import { dataDictionaryMarkdown, licenseDataMarkdown } from './data-dictionary-markdown.js';
import { ExportOptionsError } from './export-options-error.js';
import type { ExportPlan } from './export-plan.js';
import { createExportScope, type ExportScope, type ScopeRegion } from './export-scope.js';
import { describeExportTables } from './export-tables.js';
import {
  EXPORT_FORMATS,
  type ExportOptions,
  type ExportResult,
  type ExportedFile,
  type ExportedTable,
} from './export-types.js';
import { planCsvExport } from './plan-csv-export.js';
import { planDuckdbExport } from './plan-duckdb-export.js';
import { planParquetExport } from './plan-parquet-export.js';
import { DICTIONARY_FILES, prepareOutDir, removeExportOutputs } from './prepare-out-dir.js';

/**
 * Check the scope of an export as {@link exportDataset} checks it, without exporting: years in
 * range, the region known, the years holding observations. Throws what the export would
 * (`ExportOptionsError`, the domain's `InvalidRegionCodeError`, `UnknownRegionError`); a server
 * answers a HEAD request of a download with it.
 *
 * @example
 * ```ts
 * await checkExportScope(db, { region: '35.05', years: { from: 2090 } }); // throws: years 2090 to ... hold no observations
 * ```
 */
export async function checkExportScope(
  db: Kysely<Database>,
  options: Pick<ExportOptions, 'region' | 'years'>,
): Promise<void> {
  await resolveExportScope(db, options);
}

/** The checked scope of an export (see {@link checkExportScope}). */
async function resolveExportScope(
  db: Kysely<Database>,
  options: Pick<ExportOptions, 'region' | 'years'>,
): Promise<ExportScope> {
  const years = checkYears(options.years);
  const region = options.region === undefined ? null : await findRegion(db, options.region);
  await checkYearsHaveData(db, years);
  return createExportScope(region, years);
}

/**
 * Export the dataset, or one region's part of it, for researchers: Parquet, CSV or a standalone
 * DuckDB file, always with a data dictionary (`DATA_DICTIONARY.md`, `data-dictionary.json`) and
 * `LICENSE-DATA.md`, and the methods (`METHODS.md`). The dictionary defines every table and column, the indicators and source
 * kinds, says plainly that synthetic values are synthetic, and carries the ODbL attribution of
 * the region data.
 *
 * - `parquet`: zstd; `observations` and `village_index` as
 *   `<table>/province=PP/year=YYYY/data_0.parquet`, each file still holding every column (the
 *   partition columns `province` and `year` too), other tables as `<table>.parquet`.
 * - `csv`: `<table>.csv` per table.
 * - `duckdb`: `pandu-export.duckdb` with every table, complete when this returns.
 *
 * Observations are written as `village_code, year, indicator, value, source` (plus `province` in
 * Parquet), the import format, so `importObservations(db, file, { replace: true })` reads them
 * back and changes nothing. Options are checked before anything is written
 * ({@link ExportOptionsError}, or `UnknownRegionError` for a code not in the database); if
 * writing fails, what was written is removed.
 *
 * @example
 * ```ts
 * const result = await exportDataset(db, {
 *   format: 'parquet',
 *   outDir: 'exports/blitar',
 *   region: '35.05',
 *   years: { from: 2022 },
 *   onProgress: ({ step, done, total }) => console.log(`${done}/${total} ${step}`),
 * });
 * result.files.length; // 11 single-table files + one per province and year for each of the two partitioned tables
 * result.tables; // [{ name: 'observations', rows: ... }, ...] rows per table over all its files
 * ```
 */
export async function exportDataset(
  db: Kysely<Database>,
  options: ExportOptions,
): Promise<ExportResult> {
  const format = options.format;
  if (!EXPORT_FORMATS.includes(format)) {
    throw new ExportOptionsError(
      `format must be one of ${EXPORT_FORMATS.join(', ')}, got "${String(format)}"`,
    );
  }
  if (typeof options.outDir !== 'string' || options.outDir.trim() === '') {
    throw new ExportOptionsError('outDir is required');
  }
  const outDir = resolve(options.outDir);
  const scope = await resolveExportScope(db, options);
  // The dictionary's meanings are the database's comments: a file whose migrations have not all
  // run lacks some, and that is refused here, before anything is written.
  const comments = await readSchemaComments(db);
  describeExportTables(comments);

  const { created } = await prepareOutDir(outDir, { overwrite: options.overwrite ?? false });
  try {
    return await writeExport(db, options, outDir, scope, comments);
  } catch (error) {
    await removeExportOutputs(outDir, { removeDirIfEmpty: created });
    throw error;
  }
}

async function writeExport(
  db: Kysely<Database>,
  options: ExportOptions,
  outDir: string,
  scope: ExportScope,
  comments: SchemaComments,
): Promise<ExportResult> {
  const files: ExportedFile[] = [];
  const rows = new Map<string, number>();
  let total = 1;
  // One connection throughout: the ATTACHed file of a duckdb export is used by every step, and a
  // pooled driver could hand each statement a different connection.
  await db.connection().execute(async (conn) => {
    const plans: Record<ExportOptions['format'], () => Promise<ExportPlan> | ExportPlan> = {
      parquet: () => planParquetExport(conn, outDir, scope),
      csv: () => planCsvExport(conn, outDir, scope),
      duckdb: () => planDuckdbExport(conn, outDir, scope, comments),
    };
    const plan = await plans[options.format]();
    total = plan.steps.length + 1;
    try {
      for (const [done, step] of plan.steps.entries()) {
        options.onProgress?.({ step: step.name, done, total });
        const result = await step.run();
        if (result.table !== null)
          rows.set(result.table, (rows.get(result.table) ?? 0) + result.rows);
        if (result.file) files.push(result.file);
      }
    } finally {
      await plan.close();
    }
    options.onProgress?.({ step: 'data dictionary', done: plan.steps.length, total });
  });
  const tables: ExportedTable[] = [...rows].map(([name, n]) => ({ name, rows: n }));

  const [meta, facts] = await Promise.all([
    db.selectFrom('dataset_meta').select(['key', 'value']).orderBy('key').execute(),
    observationFacts(db, scope),
  ]);
  const dictionary = dataDictionary({
    format: options.format,
    region: scope.region,
    years: scope.years,
    observationYears: facts.years,
    observationSources: facts.sources,
    meta: Object.fromEntries(meta.map((m) => [m.key, m.value])),
    exportedAt: new Date().toISOString(),
    tables,
    comments,
  });
  const dictionaryPath = join(outDir, DICTIONARY_FILES.markdown);
  await writeFile(dictionaryPath, dataDictionaryMarkdown(dictionary), 'utf8');
  await writeFile(
    join(outDir, DICTIONARY_FILES.json),
    `${JSON.stringify(dictionary, null, 2)}\n`,
    'utf8',
  );
  await writeFile(join(outDir, DICTIONARY_FILES.licence), licenseDataMarkdown(dictionary), 'utf8');
  // How every figure is computed, in Indonesian then English (the domain's METHODS, the source of
  // the dashboard's /metode page too).
  await writeFile(
    join(outDir, DICTIONARY_FILES.methods),
    `${methodsMarkdown('id')}\n---\n\n${methodsMarkdown('en')}`,
    'utf8',
  );
  options.onProgress?.({ step: 'done', done: total, total });
  return { format: options.format, outDir, files, tables, dictionaryPath };
}

function checkYears(years: ExportOptions['years']): {
  from: number | undefined;
  to: number | undefined;
} {
  const { from, to } = years ?? {};
  for (const [name, year] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (
      year !== undefined &&
      !(Number.isInteger(year) && year >= OBSERVATION_YEARS.min && year <= OBSERVATION_YEARS.max)
    ) {
      throw new ExportOptionsError(
        `years.${name} must be a whole year from ${OBSERVATION_YEARS.min} to ${OBSERVATION_YEARS.max}, got ${String(year)}`,
      );
    }
  }
  if (from !== undefined && to !== undefined && from > to) {
    throw new ExportOptionsError(`years.from (${from}) is after years.to (${to})`);
  }
  return { from, to };
}

async function findRegion(db: Kysely<Database>, code: string): Promise<ScopeRegion> {
  // parseRegionCode throws InvalidRegionCodeError ('invalid region code "35-05": ...') for a
  // malformed code; a well-formed code that is not in the database is an UnknownRegionError.
  const parsed = parseRegionCode(code);
  const found = await db
    .selectFrom('regions')
    .select(['code', 'name', 'level'])
    .where('code', '=', parsed)
    .executeTakeFirst();
  if (!found) throw new UnknownRegionError(parsed);
  return found;
}

/** Years that miss the data entirely would export empty tables: refuse them, naming the data's years. */
async function checkYearsHaveData(
  db: Kysely<Database>,
  years: { from: number | undefined; to: number | undefined },
): Promise<void> {
  if (years.from === undefined && years.to === undefined) return;
  const span = await sql<{ first: number | null; last: number | null }>`
    select min(year) as first, max(year) as last from observations`.execute(db);
  const { first, last } = span.rows[0] ?? { first: null, last: null };
  if (first === null || last === null) return;
  if ((years.from ?? first) > last || (years.to ?? last) < first) {
    throw new ExportOptionsError(
      `years ${years.from ?? '...'} to ${years.to ?? '...'} hold no observations: the data covers ${first} to ${last}`,
    );
  }
}

/** The exported observations' first and last year and their count by source kind. */
async function observationFacts(
  db: Kysely<Database>,
  scope: ExportScope,
): Promise<{
  years: { first: number; last: number } | null;
  sources: Partial<Record<SourceKind, number>>;
}> {
  const result = await sql<{ source: SourceKind; n: number; first: number; last: number }>`
    select source, count(*) as n, min(year) as first, max(year) as last from observations
    where ${trustedSql(scope.inside('village_code'))} and ${trustedSql(scope.inYears('year'))}
    group by source order by source`.execute(db);
  if (result.rows.length === 0) return { years: null, sources: {} };
  return {
    years: {
      first: Math.min(...result.rows.map((r) => r.first)),
      last: Math.max(...result.rows.map((r) => r.last)),
    },
    sources: Object.fromEntries(result.rows.map((r) => [r.source, r.n])),
  };
}
