import { sql, type Kysely } from 'kysely';
import type { IndexMeasure, RegionLevel } from '@pandu/domain';
import {
  ChildConvergenceInput,
  childGrowth,
  fitChildren,
  type ChildConvergence,
  type ChildEnds,
} from '../queries/child-convergence.js';
import { completeCoverageOf, type CoverageOptions } from '../queries/year-coverage.js';
import type { Database } from '../schema/database.js';
import { measureColumn, trustedSql, sqlIdentifier } from '../sql/index.js';
import {
  coverageFromCounts,
  datasetCounts,
  freshColumn,
  kindMatches,
  lookupRow,
  storedScope,
  type StoredCount,
} from './stored-scope.js';
import { figureMemory } from './figure-memory.js';
import { villageMemory } from './village-memory.js';

interface ChildYear {
  code: string;
  name: string;
  level: RegionLevel;
  /** Null for a village without an index row (a district's children). */
  year: number | null;
  /** A district's children only: the village's kind. */
  kind?: string;
  mean: number | null;
}

/** The children's means in every year and the dataset's counts: from memory when read-only. */
async function nonDistrictRow(
  db: Kysely<Database>,
  code: string,
  kind: string,
  m: IndexMeasure,
): Promise<{ children: ChildYear[] | null; dataset: StoredCount[] | null; fresh: boolean } | null> {
  const memory = await figureMemory(db);
  if (memory) {
    return {
      children:
        memory.children(code, kind)?.map((c) => ({
          code: c.code,
          name: c.name,
          level: c.level,
          year: c.year,
          mean: c[`${m}_mean`] ?? null,
        })) ?? null,
      dataset: memory.datasetCounts(m),
      fresh: memory.fresh,
    };
  }
  return lookupRow(
    db,
    sql<{ children: ChildYear[] | null; dataset: StoredCount[] | null; fresh: boolean }>`
    select (
      select list(struct_pack(code, name, level, year := year::integer,
        mean := ${trustedSql(sqlIdentifier(`${m}_mean`))}) order by code, year)
      from scope_children where parent_code = ${code} and kind = ${kind}
    ) as children, ${datasetCounts(m)} as dataset, ${await freshColumn(db)} as fresh`,
  );
}

/**
 * A district's children (its villages, with the regions table's kind where a village has no index
 * row) in every year and the dataset's counts: from memory when read-only.
 */
async function districtRow(
  db: Kysely<Database>,
  code: string,
  m: IndexMeasure,
): Promise<{
  children: ChildYear[] | null;
  dataset: StoredCount[] | null;
  fresh: boolean;
} | null> {
  const [figures, villages] = await Promise.all([figureMemory(db), villageMemory(db)]);
  if (figures && villages) {
    const children: ChildYear[] = [];
    for (const v of villages.villagesWithRows(code)) {
      const base = { code: v.code, name: v.name, level: 'village' as const };
      if (v.rows.length === 0) children.push({ ...base, year: null, kind: v.kind, mean: null });
      for (const r of v.rows) children.push({ ...base, year: r.year, kind: r.kind, mean: r[m] });
    }
    return {
      children: children.length > 0 ? children : null,
      dataset: figures.datasetCounts(m),
      fresh: figures.fresh,
    };
  }
  return lookupRow(
    db,
    sql<{ children: ChildYear[] | null; dataset: StoredCount[] | null; fresh: boolean }>`
    select (
      select list(struct_pack(code := r.code, name := r.name, level := r.level,
        year := v.year::integer, kind := coalesce(v.kind, r.kind),
        mean := v.${measureColumn(m)}) order by r.code, v.year)
      from regions r left join village_index v on v.village_code = r.code
        and v.district_code = ${code}
      where r.level = 'village' and r.district_code = ${code}
    ) as children, ${datasetCounts(m)} as dataset, ${await freshColumn(db)} as fresh`,
  );
}

/**
 * {@link childConvergence} from the stored figures: the dataset's counts (for the ends) and the
 * children's means in every year, one lookup; a district's children (villages) are read from
 * village_index and regions in the same round trip. Null when stale or not stored.
 *
 * @example
 * ```ts
 * const c = (await storedChildConvergence(db, { code: '35' })) ?? (await childConvergence(db, { code: '35' }));
 * ```
 */
export async function storedChildConvergence(
  db: Kysely<Database>,
  input: ChildConvergenceInput = {},
  options?: CoverageOptions,
): Promise<ChildConvergence | null> {
  const scoped = storedScope(ChildConvergenceInput, input);
  if (!scoped) return null;
  const { key, parsed } = scoped;
  let threshold: number;
  try {
    threshold = completeCoverageOf(options);
  } catch {
    return null;
  }
  const m = key.measure;
  const row =
    key.level === 'district'
      ? await districtRow(db, key.code, m)
      : await nonDistrictRow(db, key.code, key.kind, m);
  if (!row?.fresh || !row.dataset) return null;
  // The ends are the dataset's complete years (the nation's counts, every kind), as on demand.
  const datasetCoverage = coverageFromCounts(
    row.dataset,
    new Map(row.dataset.map((d) => [d.year, d])),
    row.dataset[0]?.villages ?? 0,
    threshold,
  );
  const ends = parsed.includePartial ? datasetCoverage : datasetCoverage.filter((c) => c.complete);
  const partialExcluded = parsed.includePartial
    ? []
    : datasetCoverage.filter((c) => !c.complete).map((c) => c.year);
  const firstYear = ends[0]?.year ?? null;
  const lastYear = ends.at(-1)?.year ?? null;
  const base = { measure: m, firstYear, lastYear, coverage: datasetCoverage, partialExcluded };
  if (firstYear === null || lastYear === null) {
    return { ...base, children: [], excluded: 0, fit: null };
  }
  const children = new Map<string, ChildEnds>();
  const sums = new Map<string, { first: number[]; last: number[] }>();
  for (const c of row.children ?? []) {
    if (!children.has(c.code)) {
      children.set(c.code, {
        code: c.code,
        name: c.name,
        level: c.level,
        initial: null,
        final: null,
      });
      sums.set(c.code, { first: [], last: [] });
    }
    if (key.level === 'district' && !kindMatches(key.kind, c.kind ?? '')) {
      continue;
    }
    const s = sums.get(c.code) as { first: number[]; last: number[] };
    if (c.mean === null) continue;
    if (c.year === firstYear) s.first.push(c.mean);
    if (c.year === lastYear) s.last.push(c.mean);
  }
  if (children.size === 0) return null;
  const mean = (xs: number[]) => (xs.length > 0 ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
  for (const [code, child] of children) {
    const s = sums.get(code) as { first: number[]; last: number[] };
    child.initial = mean(s.first);
    child.final = mean(s.last);
  }
  const { children: grown, excluded } = childGrowth([...children.values()], firstYear, lastYear);
  return {
    ...base,
    children: grown,
    excluded,
    fit: fitChildren(grown, firstYear, lastYear),
  };
}
