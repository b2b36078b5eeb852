import { ancestorCodes } from '@pandu/domain';
import { sqlLiteral } from '../seed/sql-literal.js';

/** The region an export is limited to. */
export interface ScopeRegion {
  code: string;
  name: string;
  level: 'province' | 'regency' | 'district' | 'village';
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
 * Build the scope's predicates. Codes are matched as a prefix range (`>= '35.05.'` and
 * `< '35.05/'`, '/' being the character after '.') rather than `like '35.05.%'`: a range is what
 * DuckDB's zone maps (min/max per row group) can skip row groups on.
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
  const inside = (column: string) =>
    region
      ? `(${column} = ${sqlLiteral(region.code)} or ${codePrefixRange(column, region.code)})`
      : 'true';
  return {
    region,
    years: { from, to },
    inside,
    insideOrAbove: (column) =>
      region
        ? `(${inside(column)}${ancestorCodes(region.code)
            .map((a) => ` or ${column} = ${sqlLiteral(a)}`)
            .join('')})`
        : 'true',
    province: (column) => (region ? `${column} = ${sqlLiteral(region.code.slice(0, 2))}` : 'true'),
    inYears: (column) =>
      [from === null ? null : `${column} >= ${from}`, to === null ? null : `${column} <= ${to}`]
        .filter((p) => p !== null)
        .join(' and ') || 'true',
  };
}

/** Codes strictly under `code`: `code.` followed by anything. */
export function codePrefixRange(column: string, code: string): string {
  return `(${column} >= ${sqlLiteral(`${code}.`)} and ${column} < ${sqlLiteral(`${code}/`)})`;
}
