import { randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema/database.js';
import type { SchemaComments } from '../schema/read-schema-comments.js';
import { sqlIdentifier, sqlLiteral, sqlQualifiedIdentifier, trustedSql } from '../sql/index.js';
import type { ExportScope } from './export-scope.js';
import { describeExportTables, exportColumns, exportSelect } from './export-tables.js';
import type { ExportPlan, ExportStep } from './export-plan.js';

/** The file a `duckdb` export writes in its directory. */
export const DUCKDB_EXPORT_FILE = 'pandu-export.duckdb';

/**
 * DuckDB: one standalone file, `pandu-export.duckdb`, with the same tables (CREATE TABLE ... AS
 * SELECT into the file ATTACHed to the source database) and the dictionary's descriptions as
 * table and column comments (`select comment from duckdb_columns()`): the source database's own
 * comments, which CREATE TABLE AS does not copy, with the export's notes and units. The last step
 * DETACHes it: DETACH checkpoints, so the file is complete (no .wal beside it) when the export
 * returns.
 *
 * DuckDB quirks recorded here: an ATTACHed database belongs to the whole instance, not to one
 * connection, so the alias is made unique per export (two exports at once must not collide);
 * CREATE TABLE AS keeps column types but no keys or NOT NULL constraints; an ATTACH without an
 * access mode takes the instance's, so it says READ_WRITE (a database opened read-only would
 * refuse to create the file); a file ATTACHed by DuckDB 1.5 is written in the v1.0.0+ storage
 * format, which DuckDB 1.0 and later can open.
 *
 * @example
 * ```ts
 * const plan = planDuckdbExport(conn, 'out', scope, await readSchemaComments(conn));
 * ```
 */
export function planDuckdbExport(
  conn: Kysely<Database>,
  outDir: string,
  scope: ExportScope,
  comments: SchemaComments,
): ExportPlan {
  const path = join(outDir, DUCKDB_EXPORT_FILE);
  const alias = `pandu_export_${randomBytes(6).toString('hex')}`;
  let attached = false;
  let total = 0;
  const run = (statement: string) => trustedSql(statement).execute(conn);
  const detach = async () => {
    if (!attached) return;
    attached = false;
    await run(`detach ${sqlIdentifier(alias)}`);
  };

  const steps: ExportStep[] = describeExportTables(comments).map((table) => ({
    name: table.name,
    run: async () => {
      if (!attached) {
        await run(`attach ${sqlLiteral(path)} as ${sqlIdentifier(alias)} (read_write)`);
        attached = true;
      }
      const target = sqlQualifiedIdentifier(alias, table.name);
      await run(`create table ${target} as ${exportSelect(table, 'duckdb', scope)}`);
      // CREATE TABLE AS answers with a "Count" row, but count(*) of the new table is exact and
      // reads only its metadata.
      const counted = await sql<{
        n: number;
      }>`select count(*) as n from ${trustedSql(target)}`.execute(conn);
      const rows = counted.rows[0]?.n ?? 0;
      total += rows;
      await run(`comment on table ${target} is ${sqlLiteral(table.description)}`);
      for (const column of exportColumns(table, 'duckdb')) {
        const meaning = column.unit ? `${column.description} (${column.unit})` : column.description;
        await run(
          `comment on column ${target}.${sqlIdentifier(column.name)} is ${sqlLiteral(meaning)}`,
        );
      }
      return { table: table.name, rows, file: null };
    },
  }));
  steps.push({
    name: DUCKDB_EXPORT_FILE,
    run: async () => {
      await detach();
      return {
        table: null,
        rows: 0,
        file: { path, table: null, rows: total, bytes: (await stat(path)).size },
      };
    },
  });
  return { steps, close: detach };
}
