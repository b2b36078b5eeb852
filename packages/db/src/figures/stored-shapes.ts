import { sql, type Kysely } from 'kysely';
import { binLayout, DistributionInput, type Distribution } from '../queries/distribution.js';
import { LorenzInput, type LorenzCurve } from '../queries/lorenz.js';
import type { Database } from '../schema/database.js';
import { kindFilter, measureColumn } from '../sql/index.js';
import {
  freshColumn,
  kindMatches,
  lookupRow,
  storedScope,
  type StoredScope,
} from './stored-scope.js';
import { binCounts, DEFAULT_BINS, lorenzShares } from './sorted-figures.js';
import { figureMemory } from './figure-memory.js';
import { villageMemory } from './village-memory.js';

/** What a Lorenz curve and a histogram are drawn from. */
interface Shape {
  n: number;
  mean: number;
  min: number;
  max: number;
  /** Numerator sum((2i - n - 1) y) over n times the total, or 0 when the total is 0. */
  gini: number;
  lorenz: number[];
  bins: number[];
}

/**
 * The shape of a region's values in a year: stored for the nation and the provinces; computed
 * from the villages' rows (in memory for a served version, else one read of village_index kept by
 * zone maps to their row group) for a regency or district, whose
 * few hundred values cost less to read than the curves of every one of them to store.
 */
async function storedShape(
  db: Kysely<Database>,
  key: StoredScope,
  year: number,
): Promise<Shape | null> {
  if (key.level === 'nation' || key.level === 'province') {
    const memory = await figureMemory(db);
    if (memory) {
      const shape = memory.shape(key.code, key.kind, key.measure, year);
      const f = memory.figure(key.code, key.kind, key.measure, year);
      if (!memory.fresh || !shape || !f || f.n === 0) return null;
      return {
        n: f.n,
        mean: f.mean as number,
        min: f.min as number,
        max: f.max as number,
        gini: f.gini as number,
        ...shape,
      };
    }
    const row = await lookupRow(
      db,
      sql<{
        shape: { lorenz: number[]; bins: number[] } | null;
        figures: { n: number; mean: number; min: number; max: number; gini: number } | null;
        fresh: boolean;
      }>`select (
          select struct_pack(lorenz, bins) from scope_shapes
          where code = ${key.code} and kind = ${key.kind} and measure = ${key.measure} and year = ${year}
        ) as shape, (
          select struct_pack(n, mean, min, max, gini) from scope_figures
          where code = ${key.code} and kind = ${key.kind} and measure = ${key.measure} and year = ${year}
        ) as figures, ${await freshColumn(db)} as fresh`,
    );
    if (!row?.fresh || !row.shape || !row.figures || row.figures.n === 0) return null;
    return { ...row.figures, ...row.shape };
  }
  const ys = await villageValues(db, key, year);
  const n = ys.length;
  if (n === 0) return null;
  const a = Float64Array.from(ys).sort();
  let total = 0;
  let gnum = 0;
  for (let i = 0; i < n; i++) {
    const y = a[i] as number;
    total += y;
    gnum += (2 * (i + 1) - n - 1) * y;
  }
  return {
    n,
    mean: total / n,
    min: a[0] as number,
    max: a[n - 1] as number,
    gini: total > 0 ? gnum / (n * total) : 0,
    lorenz: lorenzShares(a, 0, n),
    bins: binCounts(a, 0, n),
  };
}

/** The values of a regency's or district's villages of the kind in a year (nulls left out). */
async function villageValues(
  db: Kysely<Database>,
  key: StoredScope,
  year: number,
): Promise<number[]> {
  const level = key.level === 'regency' ? 'regency' : 'district';
  const memory = await villageMemory(db);
  if (memory) {
    const ys: number[] = [];
    for (const r of memory.indexRows(level, key.code, year)) {
      const y = r[key.measure];
      if (y !== null && kindMatches(key.kind, r.kind)) ys.push(y);
    }
    return ys;
  }
  const m = measureColumn(key.measure);
  const result = await sql<{ y: number }>`
    select ${m} as y from village_index
    where ${sql.ref(`${level}_code`)} = ${key.code} and year = ${year} and ${kindFilter(key.kind)}
      and ${m} is not null`.execute(db);
  return result.rows.map((r) => r.y);
}

/**
 * {@link lorenz} from the stored figures (nation, provinces) or the region's villages (regency,
 * district) in one round trip. Null when stale, a village, or no data.
 *
 * @example
 * ```ts
 * const curve = (await storedLorenz(db, { year: 2024 })) ?? (await lorenz(db, { year: 2024 }));
 * ```
 */
export async function storedLorenz(
  db: Kysely<Database>,
  input: LorenzInput,
): Promise<LorenzCurve | null> {
  const scoped = storedScope(LorenzInput, input);
  if (!scoped) return null;
  const { key, parsed } = scoped;
  const shape = await storedShape(db, key, parsed.year);
  if (!shape) return null;
  const steps = shape.lorenz.length - 1;
  return {
    code: key.scope.code ?? null,
    level: key.level,
    year: parsed.year,
    measure: key.measure,
    n: shape.n,
    gini: Math.max(0, shape.gini),
    points: shape.lorenz.map((valueShare, k) => ({ populationShare: k / steps, valueShare })),
  };
}

/**
 * {@link distribution} with the default bins from the stored figures (nation, provinces) or the
 * region's villages (regency, district). Null for other bin counts, when stale, a village, or no
 * data.
 *
 * @example
 * ```ts
 * const d = (await storedDistribution(db, { code: '35', year: 2024 })) ?? (await distribution(db, { code: '35', year: 2024 }));
 * ```
 */
export async function storedDistribution(
  db: Kysely<Database>,
  input: DistributionInput,
): Promise<Distribution | null> {
  const scoped = storedScope(DistributionInput, input);
  if (!scoped) return null;
  const { key, parsed } = scoped;
  if (parsed.bins !== undefined && parsed.bins !== DEFAULT_BINS) return null;
  const shape = await storedShape(db, key, parsed.year);
  if (!shape) return null;
  const { num, den, first, count } = binLayout(shape.min, shape.max, DEFAULT_BINS);
  if (count !== shape.bins.length) return null;
  const edgeAt = (k: number) => (k * num) / den;
  return {
    code: key.scope.code ?? null,
    level: key.level,
    year: parsed.year,
    measure: key.measure,
    n: shape.n,
    min: shape.min,
    max: shape.max,
    mean: shape.mean,
    bins: shape.bins.map((c, i) => ({
      x0: edgeAt(first + i),
      x1: edgeAt(first + i + 1),
      count: c,
    })),
  };
}
