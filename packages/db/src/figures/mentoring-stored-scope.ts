import type { RawBuilder } from 'kysely';
import { SECTORS, type RegionLevel } from '@pandu/domain';
import { regionScope, sqlLiteral, trustedSql } from '../sql/index.js';

/** A scope whose mentoring figures are stored: the nation, a province, regency or district. */
export interface StoredScope {
  /** The key of the stored rows: the region's code, '' for the nation. */
  key: string;
  /** The code as the on-demand queries return it (parsed, trimmed); null for the nation. */
  code: string | null;
  level: Exclude<RegionLevel, 'village'> | 'nation';
}

/**
 * The stored scope of a request's `code`, or null when no figures are stored for it: a malformed
 * code (the on-demand query throws the domain's error for it) or a village (asked on demand).
 *
 * @example
 * ```ts
 * storedScopeOf(undefined); // { key: '', code: null, level: 'nation' }
 * storedScopeOf(' 35.05 '); // { key: '35.05', code: '35.05', level: 'regency' }
 * ```
 */
export function storedScopeOf(code: string | undefined): StoredScope | null {
  let scope;
  try {
    scope = regionScope(code);
  } catch {
    return null;
  }
  if (scope.level === 'village') return null;
  return { key: scope.code ?? '', code: scope.code ?? null, level: scope.level };
}

/**
 * The stored sector keys as a SQL list literal: '' (any sector) then every sector in SECTORS order.
 *
 * @example
 * ```ts
 * sql`select unnest(${sectorKeysSql()}) as sector`;
 * ```
 */
export function sectorKeysSql(): RawBuilder<string[]> {
  return trustedSql(
    `[${['', ...SECTORS.map((s) => s.code)].map((s) => sqlLiteral(s)).join(', ')}]`,
  );
}
