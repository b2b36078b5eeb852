import { sql, type RawBuilder } from 'kysely';
import { parseRegionCode, regionLevel, type IndexMeasure, type RegionLevel } from '@pandu/domain';

/** Which villages a figure covers: all (the nation) or those under one region. */
export interface RegionScope {
  /** The region's code; undefined for the nation. */
  code: string | undefined;
  level: RegionLevel | 'nation';
  /** `village_index` filter for the villages under the region. */
  where: RawBuilder<boolean>;
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
    return { code, level: 'nation', where: sql<boolean>`true`, childColumn: 'province_code' };
  }
  const parsed = parseRegionCode(code);
  const level = regionLevel(parsed);
  return {
    code: parsed,
    level,
    where: sql<boolean>`${sql.ref(SCOPE_COLUMN[level])} = ${parsed}`,
    childColumn: CHILD_COLUMN[level],
  };
}

/** Which villages by kind: all, kelurahan (urban), desa (rural, including the 14 desa adat), or exactly one kind. */
export type KindFilter = 'all' | 'kelurahan' | 'desa' | 'desa_adat';

/** `village_index` filter for a kind. `desa` means every non-kelurahan village (desa and desa adat). */
export function kindFilter(kind: KindFilter | undefined): RawBuilder<boolean> {
  switch (kind ?? 'all') {
    case 'all':
      return sql<boolean>`true`;
    case 'kelurahan':
      return sql<boolean>`kind = 'kelurahan'`;
    case 'desa':
      return sql<boolean>`kind <> 'kelurahan'`;
    default:
      return sql<boolean>`kind = 'desa_adat'`;
  }
}

/** The `village_index` column of a measure (measure names are the column names). */
export function measureColumn(measure: IndexMeasure | undefined): RawBuilder<number> {
  return sql.ref(measure ?? 'skills_index') as unknown as RawBuilder<number>;
}
