import { sql, type Kysely } from 'kysely';
import type { RegionLevel, VillageKind } from '@pandu/domain';
import { isReadOnlyDatabase, readOnce } from '../open-database.js';
import type { Database } from '../schema/database.js';
import { isMissingTable } from '../figures/stored-scope.js';
import type { RegionDetail, RegionRef } from './get-region.js';
import { regionSearchIndex, type RegionSearchIndex } from './region-search-index.js';

// The regions of a read-only database (a served version) held in this process, so getRegion,
// regionChildren, regionRefs, assertRegionExists and a village profile's regions are JavaScript
// lookups instead of DuckDB queries (issue 14: 3-8 ms of DuckDB per uncached call). A served
// version cannot change while open: what is read is kept for its life by readOnce. A writable
// database never gets one (its regions are asked with SQL every time).
//
// One read of the regions table, not two: the region search's index (region-search-index.ts,
// built when a served version opens by prepareRegionSearch) already holds every region's code,
// name, level and kind in code order and each one's province, regency and district positions.
// The columns it does not read are its codes' prefixes as the seed writes them (province_code,
// regency_code, district_code cut from the code; parent_code from idn-area-data, whose parent of
// every region is its prefix one level up); one aggregate query checks that this table is so,
// and a table that is not gets no memory: SQL answers there, as before.
//
// What it adds to the index: a village count per region, each region's children (positions, in
// code order) and the population of the 552 provinces and regencies (region_population): three
// Int32Arrays of about 91,600 and a 552-entry Map. Nationally (national-v4, load average 3.5 on 2
// cores; `node --expose-gc --import tsx bench/region-memory.ts --db FILE`): built in 56 ms once the
// index is (the index itself took 635 ms), +1.05 MiB of typed arrays and +0.07 MiB of heap; a call
// then costs 1-31 us (regionChildren of a province the most) where SQL cost 2.6-8 ms. A read-only
// database not served (no prepareRegionSearch) builds the search index on its first region query.

/** A village profile's row of a region (readProfileBasics): the regions columns it selects. */
export interface RegionProfileRow {
  code: string;
  name: string;
  level: RegionLevel;
  kind: VillageKind | null;
  district_code: string | null;
  regency_code: string | null;
}

/** The regions of a read-only database, in memory. Every answer is built fresh per call. */
export interface RegionMemory {
  /** Whether the table holds `code` (as given: no trimming). */
  has(code: string): boolean;
  /** The region of `code` as getRegion answers it, or null when the table does not hold it. */
  detail(code: string): RegionDetail | null;
  /**
   * The children of a region the table holds (the provinces for undefined), in code order, as
   * regionChildren answers them; `[]` for a village.
   */
  children(code: string | undefined): RegionDetail[];
  /** The regions of these codes that the table holds, top level first (regionRefs). */
  refs(codes: readonly string[]): RegionRef[];
  /** The regions of these codes that the table holds, top level first (readProfileBasics). */
  profileRows(codes: readonly string[]): RegionProfileRow[];
}

/**
 * The regions of `db` in memory when `db` was opened read-only (read once per database, shared by
 * concurrent callers), else null: the caller then asks with SQL. Also null for a read-only table
 * whose parent and level columns are not its codes' prefixes (the seed never writes one), or for a
 * version without region_population.
 *
 * @example
 * ```ts
 * const memory = await regionMemory(db);
 * if (memory) return memory.detail('35.05'); // Kabupaten Blitar, no DuckDB query
 * ```
 */
export function regionMemory(db: Kysely<Database>): Promise<RegionMemory | null> {
  if (!isReadOnlyDatabase(db)) return Promise.resolve(null);
  return readOnce(db, 'region-memory', () => readRegionMemory(db));
}

/**
 * Read the region memory of a read-only database now (nothing for a writable one): for a server
 * to call when a version opens, after prepareRegionSearch (whose index it shares), so the first
 * regions request does not wait for it.
 *
 * @example
 * ```ts
 * const db = await openDatabase(file, { readOnly: true });
 * await prepareRegionSearch(db);
 * await prepareRegionMemory(db);
 * ```
 */
export async function prepareRegionMemory(db: Kysely<Database>): Promise<void> {
  await regionMemory(db);
}

/** The code lengths of a region's province, regency and district: `35`, `35.05`, `35.05.04`. */
const ANCESTOR_LENGTHS = [2, 5, 8] as const;

/** The slot of a region's parent among its ancestor positions, by its level (none for a province). */
const PARENT_SLOT: Readonly<Record<RegionLevel, number>> = {
  province: -1,
  regency: 0,
  district: 1,
  village: 2,
};

async function readRegionMemory(db: Kysely<Database>): Promise<RegionMemory | null> {
  // A row is regular when its level is its code's (2, 5, 8 or 13 characters), its parent_code is
  // its code's prefix one level up and its province/regency/district codes are its prefixes, as
  // the seed writes them: then the index's positions (from code prefixes) answer as those columns.
  const checked = await sql<{ regions: number; irregular: number }>`
    select count(*)::integer as regions, count(*) filter (where (
      level = case length(code) when 2 then 'province' when 5 then 'regency'
        when 8 then 'district' when 13 then 'village' end
      and parent_code is not distinct from case length(code) when 2 then null
        when 13 then substr(code, 1, 8) else substr(code, 1, length(code) - 3) end
      and province_code = substr(code, 1, 2)
      and regency_code is not distinct from case when length(code) >= 5 then substr(code, 1, 5) end
      and district_code is not distinct from case when length(code) >= 8 then substr(code, 1, 8) end
    ) is not true)::integer as irregular
    from regions`.execute(db);
  const counted = checked.rows[0];
  if (!counted || counted.irregular > 0) return null;
  let population: Map<string, Population>;
  try {
    population = await readPopulation(db);
  } catch (error) {
    if (isMissingTable(error, /^region_population$/)) return null;
    throw error;
  }
  const index = await regionSearchIndex(db, counted.regions);
  return assemble(index, population);
}

/** region_population's figures of a province or regency, as getRegion's SQL reads them. */
type Population = readonly [total: number, areaKm2: number | null, density: number | null];

async function readPopulation(db: Kysely<Database>): Promise<Map<string, Population>> {
  const rows = await sql<{
    code: string;
    population: number;
    area_km2: number | null;
    density: number | null;
  }>`select code, total::double as population, area_km2, density from region_population`.execute(
    db,
  );
  return new Map(rows.rows.map((r) => [r.code, [r.population, r.area_km2, r.density] as const]));
}

function assemble(
  index: RegionSearchIndex,
  population: Map<string, Population>,
): RegionMemory | null {
  const { regions, ancestorPositions } = index;
  const n = regions.length;
  // The lookup is a binary search over the codes in DuckDB's order: JavaScript's must be the same.
  for (let at = 1; at < n; at++) {
    if (!((regions[at - 1]?.code ?? '') < (regions[at]?.code ?? ''))) return null;
  }
  const villages = new Int32Array(n);
  const parentOf = (at: number): number => {
    const slot = PARENT_SLOT[regions[at]?.level ?? 'province'];
    return slot < 0 ? -1 : (ancestorPositions[3 * at + slot] ?? -1);
  };
  // Children as lists of positions (CSR): region at's are children[childStart[at] .. childStart[at + 1]].
  const childStart = new Int32Array(n + 1);
  const provinces: number[] = [];
  for (let at = 0; at < n; at++) {
    const region = regions[at];
    if (region?.level === 'province') provinces.push(at);
    if (region?.level === 'village') {
      villages[at] = 1;
      for (let i = 3 * at; i < 3 * at + 3; i++) {
        const a = ancestorPositions[i] ?? -1;
        if (a >= 0) villages[a] = (villages[a] ?? 0) + 1;
      }
    }
    const parent = parentOf(at);
    if (parent >= 0) childStart[parent + 1] = (childStart[parent + 1] ?? 0) + 1;
  }
  for (let at = 0; at < n; at++)
    childStart[at + 1] = (childStart[at + 1] ?? 0) + (childStart[at] ?? 0);
  const children = new Int32Array(childStart[n] ?? 0);
  const next = childStart.slice(0, n);
  for (let at = 0; at < n; at++) {
    const parent = parentOf(at);
    if (parent < 0) continue;
    const slot = next[parent] ?? 0;
    children[slot] = at;
    next[parent] = slot + 1;
  }

  const positionOf = (code: string): number => {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((regions[mid]?.code ?? '') < code) lo = mid + 1;
      else hi = mid;
    }
    return regions[lo]?.code === code ? lo : -1;
  };
  const ref = (at: number): RegionRef => {
    const r = regions[at] as RegionSearchIndex['regions'][number];
    return { code: r.code, name: r.name, level: r.level };
  };
  const ancestorsOf = (at: number): RegionRef[] => {
    const out: RegionRef[] = [];
    for (let i = 3 * at; i < 3 * at + 3; i++) {
      const a = ancestorPositions[i] ?? -1;
      if (a >= 0) out.push(ref(a));
    }
    return out;
  };
  const detail = (at: number, ancestors: RegionRef[]): RegionDetail => {
    const r = regions[at] as RegionSearchIndex['regions'][number];
    const slot = PARENT_SLOT[r.level];
    const p = population.get(r.code);
    return {
      code: r.code,
      name: r.name,
      level: r.level,
      parentCode: slot < 0 ? null : r.code.slice(0, ANCESTOR_LENGTHS[slot]),
      kind: r.kind,
      ancestors,
      villages: villages[at] ?? 0,
      population: p ? p[0] : null,
      areaKm2: p ? p[1] : null,
      density: p ? p[2] : null,
    };
  };
  /** The positions of the codes held, each once, top level first (then in code order). */
  const positionsOf = (codes: readonly string[]): number[] =>
    [...new Set(codes.map(positionOf).filter((at) => at >= 0))].sort(
      (a, b) => (regions[a]?.code.length ?? 0) - (regions[b]?.code.length ?? 0) || a - b,
    );

  return {
    has: (code) => positionOf(code) >= 0,
    detail: (code) => {
      const at = positionOf(code);
      return at < 0 ? null : detail(at, ancestorsOf(at));
    },
    children: (code) => {
      let list: ArrayLike<number> = provinces;
      let chain: RegionRef[] = [];
      if (code !== undefined) {
        const at = positionOf(code);
        if (at < 0) return [];
        list = children.subarray(childStart[at], childStart[at + 1]);
        // Every child shares the parent's chain: the parent's ancestors and the parent itself.
        chain = [...ancestorsOf(at), ref(at)];
      }
      return Array.from(list, (child) =>
        detail(
          child,
          chain.map((a) => ({ ...a })),
        ),
      );
    },
    refs: (codes) => positionsOf(codes).map(ref),
    profileRows: (codes) =>
      positionsOf(codes).map((at) => {
        const r = regions[at] as RegionSearchIndex['regions'][number];
        return {
          code: r.code,
          name: r.name,
          level: r.level,
          kind: r.kind,
          district_code: r.code.length >= 8 ? r.code.slice(0, 8) : null,
          regency_code: r.code.length >= 5 ? r.code.slice(0, 5) : null,
        };
      }),
  };
}
