import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import {
  RegionCode,
  ancestorCodes,
  parseRegionCode,
  regionLevel,
  type RegionLevel,
  type VillageKind,
} from '@pandu/domain';
import type { Database } from '../schema/database.js';
import { UnknownRegionError } from '../errors.js';
import { parseQueryInput } from './parse-query-input.js';
import { regionMemory } from './region-memory.js';

/**
 * Input of {@link getRegion}: the region's `code`, any level.
 *
 * @example
 * ```ts
 * GetRegionInput.parse({ code: '35.05' });
 * ```
 */
export const GetRegionInput = z.object({ code: RegionCode });
export type GetRegionInput = z.input<typeof GetRegionInput>;

/** A region named by code, name and level: an ancestor, a search hit's parent. */
export interface RegionRef {
  code: string;
  name: string;
  level: RegionLevel;
}

/** One region with its place in the hierarchy and the number of villages under it. */
export interface RegionDetail extends RegionRef {
  /** null for a province. */
  parentCode: string | null;
  /** Villages only: kelurahan, desa or desa_adat; null above the village level. */
  kind: VillageKind | null;
  /** Province first, down to the parent; empty for a province. */
  ancestors: RegionRef[];
  /** Villages under the region (1 for a village). */
  villages: number;
  /**
   * Residents, area (km2) and residents per km2 of a province or regency (region_population:
   * Kepmendagri 2025, real figures); null for a district or village (not published) and where the
   * source has no area.
   */
  population: number | null;
  areaKm2: number | null;
  density: number | null;
}

/**
 * The ancestors of a region code, province first, with their names. Codes the database does not
 * hold are left out (every ancestor of a seeded region is present).
 *
 * @example
 * ```ts
 * await regionAncestors(db, '35.05.04.2014');
 * // [{ code: '35', name: 'Jawa Timur', level: 'province' }, { code: '35.05', ... }, { code: '35.05.04', ... }]
 * ```
 */
export async function regionAncestors(db: Kysely<Database>, code: string): Promise<RegionRef[]> {
  return regionRefs(db, ancestorCodes(code));
}

/** The regions of these codes that exist, as {@link RegionRef}s, top level first. */
export async function regionRefs(
  db: Kysely<Database>,
  codes: readonly string[],
): Promise<RegionRef[]> {
  if (codes.length === 0) return [];
  const memory = await regionMemory(db);
  if (memory) return memory.refs(codes);
  const rows = await db
    .selectFrom('regions')
    .select(['code', 'name', 'level'])
    .where('code', 'in', [...codes])
    .orderBy(sql`length(code)`)
    .execute();
  return rows.map((r) => ({ code: r.code, name: r.name, level: r.level }));
}

/**
 * One region: code, name, level, parent, kind (villages), ancestors (province first), the
 * number of villages under it and, for a province or regency, its population, area and density. Throws the domain's `InvalidRegionCodeError` for a malformed code
 * and {@link UnknownRegionError} for a well-formed code the database does not hold.
 *
 * @example
 * ```ts
 * const blitar = await getRegion(db, { code: '35.05' });
 * blitar.name; // 'Kabupaten Blitar'
 * blitar.villages; // 248
 * blitar.ancestors; // [{ code: '35', name: 'Jawa Timur', level: 'province' }]
 * ```
 */
export async function getRegion(
  db: Kysely<Database>,
  input: GetRegionInput,
): Promise<RegionDetail> {
  // parseRegionCode first: a malformed code throws the domain's InvalidRegionCodeError.
  const code = parseRegionCode(input.code);
  parseQueryInput(GetRegionInput, input);
  // A read-only database (a served version) answers from memory (region-memory.ts).
  const memory = await regionMemory(db);
  if (memory) {
    const region = memory.detail(code);
    if (!region) throw new UnknownRegionError(code);
    return region;
  }
  const column = {
    province: 'province_code',
    regency: 'regency_code',
    district: 'district_code',
    village: 'code',
  } as const;
  const row = await db
    .selectFrom('regions as r')
    .leftJoin('region_population as p', 'p.code', 'r.code')
    .select(['r.code', 'r.name', 'r.level', 'r.parent_code', 'r.kind'])
    .select([sql<number | null>`p.total::double`.as('population'), 'p.area_km2', 'p.density'])
    .select((eb) =>
      eb
        .selectFrom('regions as v')
        .select(sql<number>`count(*)::integer`.as('n'))
        .where('v.level', '=', 'village')
        .where(sql.ref(`v.${column[regionLevel(code)]}`), '=', code)
        .as('villages'),
    )
    .where('r.code', '=', code)
    .executeTakeFirst();
  if (!row) throw new UnknownRegionError(code);
  return {
    code: row.code,
    name: row.name,
    level: row.level,
    parentCode: row.parent_code,
    kind: row.kind,
    ancestors: await regionAncestors(db, code),
    villages: Number(row.villages ?? 0),
    population: row.population,
    areaKm2: row.area_km2,
    density: row.density,
  };
}
