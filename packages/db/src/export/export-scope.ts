import type { RegionLevel } from '@pandu/domain';
import { codeWithin, codeWithinOrAbove, sqlLiteral } from '../sql/index.js';

/** The region an export is limited to. */
export interface ScopeRegion {
  code: string;
  name: string;
  level: RegionLevel;
}

/**
 * What an export covers, and the SQL predicates that select it. Each predicate is a function of
 * the column to test, so one scope serves every table.
 */
export interface ExportScope {
  /** null: all of Indonesia. */
  region: ScopeRegion | null;
  years: { from: number | null; to: number | null };
  /** The region itself and every region under it. */
  inside(column: string): string;
  /** The region, every region under it and its ancestors (the province, regency... above it). */
  insideOrAbove(column: string): string;
  /** The region's province and nothing else; true for a national export. */
  province(column: string): string;
  /** Within the years. */
  inYears(column: string): string;
}

/**
 * Build the scope's predicates from the package's one region predicate (`codeWithin` in
 * `sql/region-scope.ts`, which the queries' region scope agrees with).
 *
 * @example
 * ```ts
 * createExportScope({ code: '35.05', name: 'Kabupaten Blitar', level: 'regency' }, {}).inside('village_code');
 * // (village_code = '35.05' or (village_code >= '35.05.' and village_code < '35.05/'))
 * ```
 */
export function createExportScope(
  region: ScopeRegion | null,
  years: { from?: number | undefined; to?: number | undefined },
): ExportScope {
  const from = years.from ?? null;
  const to = years.to ?? null;
  return {
    region,
    years: { from, to },
    inside: (column) => (region ? codeWithin(column, region.code) : 'true'),
    insideOrAbove: (column) => (region ? codeWithinOrAbove(column, region.code) : 'true'),
    province: (column) => (region ? `${column} = ${sqlLiteral(region.code.slice(0, 2))}` : 'true'),
    inYears: (column) =>
      [from === null ? null : `${column} >= ${from}`, to === null ? null : `${column} <= ${to}`]
        .filter((p) => p !== null)
        .join(' and ') || 'true',
  };
}
