import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../schema/database.js';
import { sqlLiteral, trustedSql } from '../sql/index.js';
import type { ExportScope } from './export-scope.js';
import { EXPORT_TABLES, exportSelect } from './export-tables.js';
import type { ExportPlan } from './export-plan.js';

/**
 * CSV: one file per table, `<table>.csv`, UTF-8 without BOM, a header line, comma-separated, LF
 * line ends. DuckDB's writer quotes the RFC 4180 way: a field is put in double quotes only when
 * it holds a comma, a quote (doubled inside) or a line break; an empty string is written `""` and
 * NULL as nothing, so the two stay distinct. `observations.csv` has exactly the import columns
 * plus `source` (no partition column).
 *
 * @example
 * ```ts
 * const plan = planCsvExport(conn, 'out', scope);
 * ```
 */
export function planCsvExport(
  conn: Kysely<Database>,
  outDir: string,
  scope: ExportScope,
): ExportPlan {
  return {
    steps: EXPORT_TABLES.map((table) => ({
      name: table.name,
      run: async () => {
        const path = join(outDir, `${table.name}.csv`);
        const result = await trustedSql(
          `copy (${exportSelect(table, 'csv', scope)}) to ${sqlLiteral(path)} (format csv, header true)`,
        ).execute(conn);
        const rows = Number(result.numAffectedRows ?? 0);
        const bytes = (await stat(path)).size;
        return { table: table.name, rows, file: { path, table: table.name, rows, bytes } };
      },
    })),
    close: async () => {},
  };
}
