import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import type { IndexMeasure, RegionLevel } from '@pandu/domain';
import type { Database } from '../schema/database.js';
import { NoDataError } from '../errors.js';
import { assertRegionExists } from './assert-region-exists.js';
import { DEFAULT_MEASURE, kindFilter, measureColumn, regionScope } from '../sql/index.js';
import { LorenzInput } from './lorenz.js';
import { parseQueryInput } from './parse-query-input.js';

/** The bin count when none is asked for; the stored histograms are counted with it too. */
export const DEFAULT_BINS = 20;

/**
 * Input of {@link distribution}: {@link LorenzInput}'s fields but `weight` (a histogram counts
 * villages) and about how many bins (2-100,
 * default 20); the edges are rounded to 1, 2 or 5 times a power of ten.
 *
 * @example
 * ```ts
 * DistributionInput.parse({ code: '35.05', year: 2024, bins: 20 });
 * ```
 */
export const DistributionInput = LorenzInput.omit({ weight: true }).extend({
  bins: z.number().int().min(2).max(100).optional(),
});
export type DistributionInput = z.input<typeof DistributionInput>;

/** One bin: the villages with `x0 <= value < x1` (the last bin also holds `x1`). */
export interface DistributionBin {
  x0: number;
  x1: number;
  count: number;
}

/** The histogram of a measure over a region's villages in a year. */
export interface Distribution {
  code: string | null;
  level: RegionLevel | 'nation';
  year: number;
  measure: IndexMeasure;
  /** Villages with a value (the counts add up to it). */
  n: number;
  min: number;
  max: number;
  mean: number;
  /** Equal-width bins from a round number at or below `min` to one at or above `max`. */
  bins: DistributionBin[];
}

/**
 * A round bin width as the fraction `num / den` of two integers (1, 2 or 5 times a power of ten,
 * the smallest at least `raw`), so that every edge `(k * num) / den` is the same correctly rounded
 * double in DuckDB and in JavaScript, and a value on an edge falls in the same bin in both.
 */
function roundStep(raw: number): { num: number; den: number } {
  const exponent = Math.floor(Math.log10(raw));
  for (const e of [exponent, exponent + 1]) {
    for (const m of [1, 2, 5]) {
      const step = e >= 0 ? { num: m * 10 ** e, den: 1 } : { num: m, den: 10 ** -e };
      if (step.num / step.den >= raw) return step;
    }
  }
  return { num: 10 ** (exponent + 2), den: 1 };
}

/**
 * The bins of a histogram from `lo` to `hi`, about `wanted` of them: the width `num / den`
 * (see {@link roundStep}), the index `first` of the first edge (edge k is `(k * num) / den`) and
 * how many bins. Shared with the stored figures (figures/), so both place a value alike. Not
 * exported from the package.
 */
export function binLayout(
  lo: number,
  hi: number,
  wanted: number,
): { num: number; den: number; first: number; count: number } {
  const { num, den } = roundStep(hi > lo ? (hi - lo) / wanted : Math.max(Math.abs(lo), 1) / 100);
  const edgeAt = (k: number) => (k * num) / den;
  // The first edge at or below the lowest value; as many bins as reach the highest (which the
  // last bin holds even when it sits on its upper edge).
  let first = Math.floor((lo * den) / num);
  while (edgeAt(first) > lo) first--;
  while (edgeAt(first + 1) <= lo) first++;
  let count = 1;
  while (edgeAt(first + count) < hi) count++;
  return { num, den, first, count };
}

/**
 * The distribution of a measure over a region's villages as a histogram, counted in DuckDB (the
 * values never reach JavaScript): equal-width bins with round edges, about `bins` of them, from
 * the lowest value to the highest. All values equal gives one bin around them.
 *
 * Throws the domain's `InvalidRegionCodeError` for a malformed code, `UnknownRegionError` for an
 * unknown one, `QueryInputError` for a bad year, measure or bin count, and {@link NoDataError}
 * when no village has a value that year.
 *
 * @example
 * ```ts
 * const d = await distribution(db, { code: '35.05', year: 2024, bins: 20 });
 * d.bins[0]; // { x0: 2.6, x1: 2.7, count: 3 }
 * d.bins.reduce((sum, b) => sum + b.count, 0) === d.n; // true
 * ```
 */
export async function distribution(
  db: Kysely<Database>,
  input: DistributionInput,
): Promise<Distribution> {
  // The code first, so a malformed one throws the domain's InvalidRegionCodeError.
  const scope = regionScope(input.code);
  const { year, kind, ...parsed } = parseQueryInput(DistributionInput, input);
  const measure = parsed.measure ?? DEFAULT_MEASURE;
  const wanted = parsed.bins ?? DEFAULT_BINS;
  const m = measureColumn(measure);
  await assertRegionExists(db, scope);
  const where = sql`year = ${year} and ${scope.where} and ${kindFilter(kind)} and ${m} is not null`;
  const stats = await sql<{ n: number; lo: number | null; hi: number | null; mean: number | null }>`
    select count(*)::integer as n, min(${m}) as lo, max(${m}) as hi, avg(${m}) as mean
    from village_index where ${where}`.execute(db);
  const s = stats.rows[0];
  if (!s || s.n === 0 || s.lo === null || s.hi === null || s.mean === null) {
    throw new NoDataError(`no ${measure} values in ${year} for ${scope.code ?? 'the nation'}`);
  }
  const { lo, hi } = s;
  const { num, den, first, count } = binLayout(lo, hi, wanted);
  const edgeAt = (k: number) => (k * num) / den;
  // A first guess from division, corrected by comparing with the edges themselves.
  const counted = await sql<{ b: number; count: number }>`
    with guessed as (
      select ${m} as v, floor(${m} * ${den} / ${num})::bigint - ${first} as g
      from village_index where ${where}
    ), placed as (
      select case
          when v >= ((${first} + g + 1) * ${num})::double / ${den} then g + 1
          when v < ((${first} + g) * ${num})::double / ${den} then g - 1
          else g end as b
      from guessed
    )
    select least(greatest(b, 0), ${count - 1})::integer as b, count(*)::integer as count
    from placed group by 1`.execute(db);
  const byBin = new Map(counted.rows.map((r) => [r.b, r.count]));
  return {
    code: scope.code ?? null,
    level: scope.level,
    year,
    measure,
    n: s.n,
    min: lo,
    max: hi,
    mean: s.mean,
    bins: Array.from({ length: count }, (_, i) => ({
      x0: edgeAt(first + i),
      x1: edgeAt(first + i + 1),
      count: byBin.get(i) ?? 0,
    })),
  };
}
