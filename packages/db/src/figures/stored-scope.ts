import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { z } from 'zod';
import {
  MEASURE_SCALES,
  type IndexMeasure,
  type KindFilter,
  type RegionLevel,
} from '@pandu/domain';
import type { Database } from '../schema/database.js';
import { DEFAULT_MEASURE, regionScope, type RegionScope } from '../sql/index.js';
import { coverageOf, type YearCoverage } from '../queries/year-coverage.js';
import { figuresFreshFor } from './figures-fresh.js';

// What every stored read shares: the input read as the on-demand query reads it (a stored read
// never throws on a bad input: it answers null and the on-demand query throws the right error),
// the key of the stored rows, and one round trip that also says whether the figures are fresh.

/** The key of a region's stored figures. */
export interface StoredScope {
  scope: RegionScope;
  /** '' for the nation. */
  code: string;
  level: RegionLevel | 'nation';
  kind: KindFilter;
  measure: IndexMeasure;
}

/**
 * The scope of a query input, or null when the input is not one the on-demand query accepts
 * (it will throw the error), the region is a village (nothing is stored for one village), or the
 * figures are asked weighted by people (computed on demand only, queries/people-weights.ts): one
 * place for every stored read, so none can answer a people view with village figures.
 */
export function storedScope<S extends z.ZodType<{ code?: string | undefined }>>(
  schema: S,
  input: unknown,
): { key: StoredScope; parsed: z.output<S> } | null {
  const result = schema.safeParse(input ?? {});
  if (!result.success) return null;
  const parsed = result.data as z.output<S> & {
    code?: string;
    kind?: KindFilter;
    measure?: IndexMeasure;
    weight?: string;
  };
  if (parsed.weight === 'people') return null;
  let scope: RegionScope;
  try {
    scope = regionScope(parsed.code);
  } catch {
    return null;
  }
  if (scope.level === 'village') return null;
  return {
    key: {
      scope,
      code: scope.code ?? '',
      level: scope.level,
      kind: parsed.kind ?? 'all',
      measure: parsed.measure ?? DEFAULT_MEASURE,
    },
    parsed,
  };
}

/** The measure's default threshold, or null when `threshold` asks for another. */
export function defaultThreshold(
  measure: IndexMeasure,
  threshold: number | undefined,
): number | null {
  const value = MEASURE_SCALES[measure].defaultThreshold;
  return threshold === undefined || threshold === value ? value : null;
}

/** SQL: whether the stored figures are fresh, as a column of the lookup's one row. */
export async function freshColumn(db: Kysely<Database>): Promise<RawBuilder<boolean>> {
  return sql<boolean>`coalesce(${await figuresFreshFor(db)}, false)`;
}

/** One year of a region's (or the dataset's) stored count: villages with a value, villages in all. */
export interface StoredCount {
  year: number;
  n: number;
  villages: number;
}

/**
 * Each dataset year's coverage in a scope from stored counts, as scopeYearCoverage computes it:
 * complete where the scope's share reaches the threshold or (with a value there) the dataset's.
 */
export function coverageFromCounts(
  dataset: readonly StoredCount[],
  own: ReadonlyMap<number, { n: number; villages: number }>,
  ownVillages: number,
  threshold: number,
): YearCoverage[] {
  return dataset.map((d) => {
    const o = own.get(d.year);
    const n = o?.n ?? 0;
    const mine = coverageOf(d.year, n, o?.villages ?? ownVillages, threshold);
    const whole = coverageOf(d.year, d.n, d.villages, threshold);
    return { ...mine, complete: mine.complete || (n > 0 && whole.complete) };
  });
}

/** SQL: the dataset's stored counts of a measure per year (the nation, every kind). */
export function datasetCounts(measure: IndexMeasure): RawBuilder<StoredCount[] | null> {
  return sql<StoredCount[] | null>`(select list(struct_pack(year := year::integer, n := n,
      villages := villages) order by year)
    from scope_figures where code = '' and kind = 'all' and measure = ${measure})`;
}

/**
 * SQL: {@link datasetCounts} as an aggregate of a scan of scope_figures that also reads the
 * nation's rows of the measure (`code = '' and kind = 'all'`), so a lookup reads the table once.
 */
export function datasetCountsOfScan(): RawBuilder<StoredCount[] | null> {
  return sql<StoredCount[] | null>`list(struct_pack(year := year::integer, n, villages)
    order by year) filter (where code = '' and kind = 'all')`;
}

/** The kind filter as a test on a village's kind (kindFilter's meaning, in JavaScript). */
export function kindMatches(filter: KindFilter, kind: string): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'desa':
      return kind !== 'kelurahan';
    default:
      return kind === filter;
  }
}

/** Values sorted ascending in a Float64Array, for the slice functions of sorted-figures.ts. */
export function sortedValues(values: readonly number[]): Float64Array {
  return Float64Array.from(values).sort();
}

/** Runs a one-row lookup; null when it found no row. */
export async function lookupRow<R>(db: Kysely<Database>, query: RawBuilder<R>): Promise<R | null> {
  try {
    const result = await query.execute(db);
    return result.rows[0] ?? null;
  } catch (error) {
    // A version written before the figures existed, served read-only before its upgrade, has no
    // figure tables: nothing is precomputed there.
    if (isMissingTable(error, SCOPE_TABLES)) return null;
    throw error;
  }
}

/** The stored scope figures' tables and the population they read beside them. */
export const SCOPE_TABLES = /^(scope_\w+|region_population)$/;

/**
 * Whether `error` is DuckDB's for a missing table whose name matches `name`: a version written
 * before the table existed, served read-only before its upgrade, has nothing stored there.
 *
 * @example
 * ```ts
 * if (isMissingTable(error, /^profile_figures$/)) return null;
 * ```
 */
export function isMissingTable(error: unknown, name: RegExp): boolean {
  const table =
    error instanceof Error ? /Table with name (\w+) does not exist/.exec(error.message)?.[1] : null;
  return table !== undefined && table !== null && name.test(table);
}
