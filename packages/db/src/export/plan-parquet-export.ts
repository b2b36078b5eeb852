import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema/database.js';
import { codePrefixRange, sqlLiteral, trustedSql } from '../sql/index.js';
import type { ExportScope } from './export-scope.js';
import { EXPORT_TABLES, exportSelect, type ExportTable } from './export-tables.js';
import type { ExportPlan, ExportStep } from './export-plan.js';

const PARQUET = '(format parquet, compression zstd)';

/**
 * Parquet: zstd, one file per table, except the partitioned tables (`observations`,
 * `village_index`), which are written hive-style as `<table>/province=PP/year=YYYY/data_0.parquet`
 * with every column, `province` and `year` included, inside each file.
 *
 * Each partition file is its own COPY rather than one `COPY ... (PARTITION_BY (province, year),
 * WRITE_PARTITION_COLUMNS true)`. DuckDB 1.5 has that option and it does keep the columns in the
 * files, but it is one statement: no progress until the whole table is written, and no row count
 * per file. Measured on the national dataset (5.0M observations, 228 partitions, 2 cores): 6.8 s
 * as one partitioned COPY, 7.2 s as 228 COPYs, each reading only its row groups through the
 * prefix range on village_code.
 *
 * @example
 * ```ts
 * const plan = await planParquetExport(conn, 'out', scope);
 * for (const step of plan.steps) await step.run();
 * ```
 */
export async function planParquetExport(
  conn: Kysely<Database>,
  outDir: string,
  scope: ExportScope,
): Promise<ExportPlan> {
  const steps: ExportStep[] = [];
  for (const table of EXPORT_TABLES) {
    if (!table.partitionedBy) {
      const path = join(outDir, `${table.name}.parquet`);
      steps.push({
        name: table.name,
        run: async () => {
          const rows = await copyTo(conn, exportSelect(table, 'parquet', scope), path);
          return {
            table: table.name,
            rows,
            file: { path, table: table.name, rows, bytes: await size(path) },
          };
        },
      });
      continue;
    }
    const partitions = await listPartitions(conn, table, scope);
    const root = join(outDir, table.name);
    if (partitions.length === 0) {
      // Nothing in scope: an empty folder, so the layout is still what the dictionary says.
      steps.push({
        name: table.name,
        run: async () => {
          await mkdir(root, { recursive: true });
          return { table: table.name, rows: 0, file: null };
        },
      });
    }
    for (const { province, year } of partitions) {
      const folder = join(root, `province=${province}`, `year=${year}`);
      const path = join(folder, 'data_0.parquet');
      const village = table.partitionedBy.villageColumn;
      steps.push({
        name: `${table.name} province=${province} year=${year}`,
        run: async () => {
          await mkdir(folder, { recursive: true });
          const select = exportSelect(
            table,
            'parquet',
            scope,
            `${codePrefixRange(village, province)} and year = ${year}`,
          );
          const rows = await copyTo(conn, select, path);
          return {
            table: table.name,
            rows,
            file: { path, table: table.name, rows, bytes: await size(path) },
          };
        },
      });
    }
  }
  return { steps, close: async () => {} };
}

async function listPartitions(
  conn: Kysely<Database>,
  table: ExportTable,
  scope: ExportScope,
): Promise<Array<{ province: string; year: number }>> {
  const village = table.partitionedBy?.villageColumn ?? 'village_code';
  const result = await sql<{ province: string; year: number }>`
    select distinct substr(${sql.ref(village)}, 1, 2) as province, year
    from ${sql.table(table.name)} where ${trustedSql(table.where?.(scope) ?? 'true')}
    order by province, year`.execute(conn);
  return result.rows;
}

async function copyTo(conn: Kysely<Database>, select: string, path: string): Promise<number> {
  const result = await trustedSql(`copy (${select}) to ${sqlLiteral(path)} ${PARQUET}`).execute(
    conn,
  );
  return Number(result.numAffectedRows ?? 0);
}

async function size(path: string): Promise<number> {
  return (await stat(path)).size;
}
