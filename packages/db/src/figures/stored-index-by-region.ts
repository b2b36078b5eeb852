import { sql, type Kysely } from 'kysely';
import { INDEX_MEASURES, type IndexMeasure, type KindFilter } from '@pandu/domain';
import { IndexByRegionInput, type RegionIndexRow } from '../queries/index-by-region.js';
import type { Database } from '../schema/database.js';
import { sqlIdentifier, trustedSql } from '../sql/index.js';
import { freshColumn, kindMatches, lookupRow, storedScope } from './stored-scope.js';
import { villageMemory } from './village-memory.js';
import { figureMemory, type ScopeChildRow } from './figure-memory.js';

type ChildRow = ScopeChildRow;

const CAMEL: Record<(typeof INDEX_MEASURES)[number], keyof RegionIndexRow> = {
  skills_index: 'skillsIndex',
  skills_index_geometric: 'skillsIndexGeometric',
  access_index: 'accessIndex',
  outcomes_index: 'outcomesIndex',
  digital_skills: 'digitalSkills',
  digital_ethics: 'digitalEthics',
  digital_safety: 'digitalSafety',
  digital_culture: 'digitalCulture',
};

// The measure columns of scope_children, named by this package (never input).
const MEASURE_FIELDS = trustedSql(
  INDEX_MEASURES.flatMap((m) => [
    `${sqlIdentifier(`${m}_n`)} := ${sqlIdentifier(`${m}_n`)}`,
    `${sqlIdentifier(`${m}_mean`)} := ${sqlIdentifier(`${m}_mean`)}`,
  ]).join(', '),
);

/**
 * {@link indexByRegion} from the stored figures: the children of a region (or the provinces) in
 * the year and the year before, one lookup in scope_children. Null when not precomputed: the
 * children of a district (villages; the on-demand query reads them), stale figures, or a year the
 * data do not have.
 *
 * @example
 * ```ts
 * const rows = (await storedIndexByRegion(db, { code: '35', year: 2024 })) ?? (await indexByRegion(db, { code: '35', year: 2024 }));
 * ```
 */
export async function storedIndexByRegion(
  db: Kysely<Database>,
  input: IndexByRegionInput,
): Promise<RegionIndexRow[] | null> {
  if (input.code === undefined && (input as { parent?: unknown }).parent !== undefined) return null;
  const scoped = storedScope(IndexByRegionInput, input);
  if (!scoped) return null;
  const { key, parsed } = scoped;
  const year = parsed.year;
  if (key.level === 'district')
    return villagesOfDistrict(db, key.code, key.measure, key.kind, year);
  const memory = await figureMemory(db);
  const row = memory
    ? {
        children: memory.children(key.code, key.kind, (y) => y === year - 1 || y === year),
        fresh: memory.fresh,
      }
    : await lookupRow(
        db,
        sql<{ children: ChildRow[] | null; fresh: boolean }>`select (
        select list(struct_pack(code, name, level, year := year::integer, rows, ${MEASURE_FIELDS})
          order by code, year)
        from scope_children
        where parent_code = ${key.code} and kind = ${key.kind} and year in (${year - 1}, ${year})
      ) as children, ${await freshColumn(db)} as fresh`,
      );
  if (!row?.fresh || !row.children) return null;
  const current = row.children.filter((c) => c.year === year);
  if (current.length === 0) return null;
  const before = new Map(
    row.children.filter((c) => c.year === year - 1).map((c) => [c.code, c] as const),
  );
  const m = key.measure;
  return current.map((c) => {
    const value = c[`${m}_mean`] ?? null;
    const previous = before.get(c.code)?.[`${m}_mean`] ?? null;
    const villages = c[`${m}_n`] ?? 0;
    const out = {
      code: c.code,
      name: c.name,
      level: c.level,
      villages,
      missing: c.rows - villages,
      value,
      change: value !== null && previous !== null ? value - previous : null,
    } as RegionIndexRow;
    for (const measure of INDEX_MEASURES) {
      (out as unknown as Record<string, number | null>)[CAMEL[measure]] =
        c[`${measure}_mean`] ?? null;
    }
    return out;
  });
}

type VillageRow = { code: string; name: string; year: number | null; kind: string | null } & Record<
  string,
  number | null
>;

/**
 * The villages of a district with their values: each village's row is its figures (a mean over
 * one village), read with the regions in one query as the on-demand query reads them.
 */
async function villagesOfDistrict(
  db: Kysely<Database>,
  district: string,
  measure: IndexMeasure,
  kind: KindFilter,
  year: number,
): Promise<RegionIndexRow[] | null> {
  const found = await districtVillageRows(db, district, year);
  if (found.length === 0) return null;
  const rows: RegionIndexRow[] = [];
  const byCode = new Map<string, { cur?: VillageRow; prev?: VillageRow; name: string }>();
  for (const r of found) {
    const entry = byCode.get(r.code) ?? { name: r.name };
    if (r.kind !== null && kindMatches(kind, r.kind)) {
      if (r.year === year) entry.cur = r;
      else if (r.year === year - 1) entry.prev = r;
    }
    byCode.set(r.code, entry);
  }
  for (const [code, { cur, prev, name }] of byCode) {
    const value = cur?.[measure] ?? null;
    const previous = prev?.[measure] ?? null;
    const out = {
      code,
      name,
      level: 'village',
      villages: cur && value !== null ? 1 : 0,
      missing: cur && value === null ? 1 : 0,
      value,
      change: value !== null && previous !== null ? value - previous : null,
    } as RegionIndexRow;
    for (const m of INDEX_MEASURES) {
      (out as unknown as Record<string, number | null>)[CAMEL[m]] = cur?.[m] ?? null;
    }
    rows.push(out);
  }
  return rows;
}

/**
 * The villages of a district with their rows of `year` and the year before (one row with a null
 * year and kind for a village without either), in code then year order: from memory when
 * read-only, else with the regions in one query.
 */
async function districtVillageRows(
  db: Kysely<Database>,
  district: string,
  year: number,
): Promise<VillageRow[]> {
  const memory = await villageMemory(db);
  if (memory) {
    const out: VillageRow[] = [];
    for (const v of memory.villagesWithRows(district, (y) => y === year - 1 || y === year)) {
      if (v.rows.length === 0) {
        const empty = { code: v.code, name: v.name, year: null, kind: null } as VillageRow;
        for (const m of INDEX_MEASURES) empty[m] = null;
        out.push(empty);
      }
      for (const r of v.rows) {
        const row = { code: v.code, name: v.name, year: r.year, kind: r.kind } as VillageRow;
        for (const m of INDEX_MEASURES) row[m] = r[m];
        out.push(row);
      }
    }
    return out;
  }
  const columns = trustedSql(INDEX_MEASURES.map((m) => `v.${sqlIdentifier(m)}`).join(', '));
  const result = await sql<VillageRow>`
    select r.code, r.name, v.year::integer as year, v.kind, ${columns}
    from regions r
    -- The district's filter on both sides, so village_index is read by zone maps, not scanned.
    left join village_index v on v.village_code = r.code and v.district_code = ${district}
      and v.year in (${year - 1}, ${year})
    where r.level = 'village' and r.district_code = ${district}
    order by r.code, v.year`.execute(db);
  return result.rows;
}
