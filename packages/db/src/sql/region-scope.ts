import { sql, type RawBuilder } from 'kysely';
import { ancestorCodes, parseRegionCode, regionLevel, type RegionLevel } from '@pandu/domain';
import { sqlLiteral } from './sql-literal.js';

// "The villages (or regions) in a region" is written here once, in the two shapes the tables
// need: `village_index` and `regions` carry a column per level (province_code, regency_code, ...),
// so a query filters on the level's column with a bound parameter; an exported table has only a
// code column, so an export matches the code and the codes under it as a range. Both say the same
// thing: a code is in region R when it is R or starts with `R.`.

/** Which villages a figure covers: all (the nation) or those under one region. */
export interface RegionScope {
  /** The region's code; undefined for the nation. */
  code: string | undefined;
  level: RegionLevel | 'nation';
  /** `village_index` filter for the villages under the region. */
  where: RawBuilder<boolean>;
  /** `regions` filter for the village rows under the region (the region itself for a village). */
  villagesWhere: RawBuilder<boolean>;
  /** The `village_index` column naming each village's child region one level down; undefined for a village. */
  childColumn: 'province_code' | 'regency_code' | 'district_code' | 'village_code' | undefined;
}

const SCOPE_COLUMN = {
  province: 'province_code',
  regency: 'regency_code',
  district: 'district_code',
  village: 'village_code',
} as const;

const CHILD_COLUMN = {
  nation: 'province_code',
  province: 'regency_code',
  regency: 'district_code',
  district: 'village_code',
  village: undefined,
} as const;

/**
 * The scope of a region code (or the nation when undefined), for filtering `village_index` and
 * `regions`. Throws the domain's `InvalidRegionCodeError` on a malformed code; whether the region
 * exists is the caller's question (see `assertRegionExists`).
 *
 * @example
 * ```ts
 * regionScope('35.05').childColumn; // 'district_code'
 * ```
 */
export function regionScope(code: string | undefined): RegionScope {
  if (code === undefined) {
    return {
      code,
      level: 'nation',
      where: sql<boolean>`true`,
      villagesWhere: sql<boolean>`level = 'village'`,
      childColumn: 'province_code',
    };
  }
  const parsed = parseRegionCode(code);
  const level = regionLevel(parsed);
  // `regions` has the same province/regency/district columns as `village_index`, but a village's
  // own code is `code` there.
  const regionsColumn = level === 'village' ? 'code' : SCOPE_COLUMN[level];
  return {
    code: parsed,
    level,
    where: sql<boolean>`${sql.ref(SCOPE_COLUMN[level])} = ${parsed}`,
    villagesWhere: sql<boolean>`level = 'village' and ${sql.ref(regionsColumn)} = ${parsed}`,
    childColumn: CHILD_COLUMN[level],
  };
}

/**
 * SQL text: `column` holds `code` or a code under it. The codes under it are matched as a prefix
 * range (`>= '35.05.'` and `< '35.05/'`, '/' being the character after '.') rather than
 * `like '35.05.%'`: a range is what DuckDB's zone maps (min/max per row group) can skip row groups
 * on. `column` is SQL (a column name or an expression such as `year(start_date)`) written by this
 * package, never input; `code` is quoted, whatever it holds.
 *
 * @example
 * ```ts
 * codeWithin('village_code', '35.05');
 * // "(village_code = '35.05' or (village_code >= '35.05.' and village_code < '35.05/'))"
 * ```
 */
export function codeWithin(column: string, code: string): string {
  return `(${column} = ${sqlLiteral(code)} or ${codePrefixRange(column, code)})`;
}

/**
 * SQL text: {@link codeWithin}, or `column` is one of the regions above `code` (its province,
 * regency, district).
 *
 * @example
 * ```ts
 * codeWithinOrAbove('code', '35.05'); // "((code = '35.05' or (...)) or code = '35')"
 * ```
 */
export function codeWithinOrAbove(column: string, code: string): string {
  const above = ancestorCodes(code).map((a) => ` or ${column} = ${sqlLiteral(a)}`);
  return `(${codeWithin(column, code)}${above.join('')})`;
}

/**
 * SQL text: codes strictly under `code`, that is `code.` followed by anything.
 *
 * @example
 * ```ts
 * codePrefixRange('village_code', '35'); // "(village_code >= '35.' and village_code < '35/')"
 * ```
 */
export function codePrefixRange(column: string, code: string): string {
  return `(${column} >= ${sqlLiteral(`${code}.`)} and ${column} < ${sqlLiteral(`${code}/`)})`;
}
