import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../schema/database.js';
import { assertRegionExists } from './assert-region-exists.js';
import { RegionCode, ancestorCodes } from '@pandu/domain';
import { regionRefs, type RegionDetail } from './get-region.js';
import { regionScope } from '../sql/index.js';
import { parseQueryInput } from './parse-query-input.js';
import { regionMemory } from './region-memory.js';

/**
 * Input of {@link regionChildren}: the region (`code`); the provinces when absent.
 *
 * @example
 * ```ts
 * RegionChildrenInput.parse({ code: '35.05' });
 * ```
 */
export const RegionChildrenInput = z.object({ code: RegionCode.optional() });
export type RegionChildrenInput = z.input<typeof RegionChildrenInput>;

/**
 * The children of a region, ordered by code, each as a {@link RegionDetail} (ancestors, the
 * number of villages under it, population and density of a province or regency); without a code, the provinces. A village has no children: `[]`.
 * Throws the domain's `InvalidRegionCodeError` for a malformed code and `UnknownRegionError` for
 * one the database does not hold.
 *
 * @example
 * ```ts
 * const provinces = await regionChildren(db, {});
 * provinces.length; // 38 in the national dataset
 * const districts = await regionChildren(db, { code: '35.05' });
 * districts[3]; // { code: '35.05.04', name: 'Kademangan', level: 'district', villages: 15, ... }
 * ```
 */
export async function regionChildren(
  db: Kysely<Database>,
  input: RegionChildrenInput = {},
): Promise<RegionDetail[]> {
  // The code first, so a malformed one throws the domain's InvalidRegionCodeError.
  const scope = regionScope(input.code);
  parseQueryInput(RegionChildrenInput, input);
  await assertRegionExists(db, scope);
  // A read-only database (a served version) answers from memory (region-memory.ts).
  const memory = await regionMemory(db);
  if (memory) return memory.children(scope.code);
  const child = scope.childColumn;
  if (child === undefined) return [];
  // A district's children are villages, whose own code is `code` in the regions table.
  const villageColumn = child === 'village_code' ? 'code' : child;
  const parent =
    scope.code === undefined ? sql`r.level = 'province'` : sql`r.parent_code = ${scope.code}`;
  const rows = await sql<{
    code: string;
    name: string;
    level: RegionDetail['level'];
    parent_code: string | null;
    kind: RegionDetail['kind'];
    villages: number;
    population: number | null;
    area_km2: number | null;
    density: number | null;
  }>`
    with counts as (
      select ${sql.ref(villageColumn)} as code, count(*)::integer as villages
      from regions where ${scope.villagesWhere}
      group by 1
    )
    select r.code, r.name, r.level, r.parent_code, r.kind, coalesce(c.villages, 0)::integer as villages,
      p.total::double as population, p.area_km2, p.density
    from regions r left join counts c on c.code = r.code
    left join region_population p on p.code = r.code
    where ${parent}
    order by r.code`.execute(db);
  // Every child shares the parent's chain: the parent's ancestors and the parent itself.
  const ancestors =
    scope.code === undefined
      ? []
      : await regionRefs(db, [...ancestorCodes(scope.code), scope.code]);
  return rows.rows.map((r) => ({
    code: r.code,
    name: r.name,
    level: r.level,
    parentCode: r.parent_code,
    kind: r.kind,
    ancestors: ancestors.map((a) => ({ ...a })),
    villages: r.villages,
    population: r.population,
    areaKm2: r.area_km2,
    density: r.density,
  }));
}
