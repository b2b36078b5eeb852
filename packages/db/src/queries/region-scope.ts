import { sql, type RawBuilder } from 'kysely';
import { parseRegionCode, regionLevel, type IndexMeasure, type RegionLevel } from '@pandu/domain';
import { parseMeasure } from './parse-query-input.js';
import { QueryInputError } from './query-input-error.js';

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
 * The scope of a region code (or the nation when undefined), for filtering `village_index`.
 * Throws the domain's `InvalidRegionCodeError` on a malformed code; whether the region exists is
 * the caller's question (see {@link assertRegionExists}).
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

/** Which villages by kind: all, kelurahan (urban), desa (rural, including the 14 desa adat), or exactly one kind. */
export type KindFilter = 'all' | 'kelurahan' | 'desa' | 'desa_adat';

/** Every {@link KindFilter}, for validating untyped input. */
export const KIND_FILTERS: readonly KindFilter[] = ['all', 'kelurahan', 'desa', 'desa_adat'];

/**
 * `village_index` filter for a kind. `desa` means every non-kelurahan village (desa and desa adat).
 * Throws {@link QueryInputError} for anything that is not a {@link KindFilter}: an unknown kind
 * must not silently become `desa_adat`.
 */
export function kindFilter(kind: KindFilter | undefined): RawBuilder<boolean> {
  switch (kind ?? 'all') {
    case 'all':
      return sql<boolean>`true`;
    case 'kelurahan':
      return sql<boolean>`kind = 'kelurahan'`;
    case 'desa':
      return sql<boolean>`kind <> 'kelurahan'`;
    case 'desa_adat':
      return sql<boolean>`kind = 'desa_adat'`;
    default:
      throw new QueryInputError(
        'kind',
        `unknown kind ${JSON.stringify(kind)}; expected one of ${KIND_FILTERS.join(', ')}`,
      );
  }
}

/**
 * The `village_index` column of a measure (measure names are the column names). The name is
 * checked against {@link IndexMeasure} first: `sql.ref` quotes it, but an unchecked `'year'` or
 * `'kind'` would still name a real column and average it.
 */
export function measureColumn(measure: IndexMeasure | undefined): RawBuilder<number> {
  return sql.ref(parseMeasure(measure)) as unknown as RawBuilder<number>;
}
