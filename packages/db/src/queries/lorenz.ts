import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import {
  IndexMeasure,
  KindFilter,
  ObservationYear,
  RegionCode,
  type LorenzPoint,
  type RegionLevel,
} from '@pandu/domain';
import type { Database } from '../schema/database.js';
import { NoDataError } from '../errors.js';
import { assertRegionExists } from './assert-region-exists.js';
import { DEFAULT_MEASURE, kindFilter, measureColumn, regionScope } from '../sql/index.js';
import { parseQueryInput } from './parse-query-input.js';

/**
 * Input of {@link lorenz}: the region (`code`, the nation when absent), the year, the measure
 * (default `skills_index`) and which villages by kind (default all).
 *
 * @example
 * ```ts
 * LorenzInput.parse({ code: '35', year: 2024 });
 * ```
 */
export const LorenzInput = z.object({
  code: RegionCode.optional(),
  year: ObservationYear,
  measure: IndexMeasure.optional(),
  kind: KindFilter.optional(),
});
export type LorenzInput = z.input<typeof LorenzInput>;

/** The Lorenz curve of a region's villages in a year, and its Gini. */
export interface LorenzCurve {
  code: string | null;
  level: RegionLevel | 'nation';
  year: number;
  measure: IndexMeasure;
  /** Villages with a value. */
  n: number;
  /** Twice the area between the curve and the diagonal, over all n villages (not the points). */
  gini: number;
  /** From (0, 0) to (1, 1): every knot when n <= 100, else 101 evenly spaced population shares. */
  points: LorenzPoint[];
}

/** Points of a curve over many villages: 0%, 1%, ..., 100%. */
const POINTS = 101;

/**
 * The Lorenz curve of a measure over a region's villages: at most 101 points
 * `{ populationShare, valueShare }`, the same as the domain's `lorenzCurve(values, 101)`. With the
 * values sorted ascending and C(i) the sum of the i smallest, the knots are (i/n, C(i)/C(n)); for
 * n > 100 the curve is read at p = k/100 by linear interpolation between knots (exact, the curve
 * is straight between them). All computed in DuckDB over cumulative sums: the villages' values
 * never reach JavaScript. All values 0 gives the diagonal, as in the domain.
 *
 * Throws the domain's `InvalidRegionCodeError` for a malformed code, `UnknownRegionError` for an
 * unknown one, and {@link NoDataError} when no village has a value that year.
 *
 * @example
 * ```ts
 * const curve = await lorenz(db, { code: '35', year: 2024 });
 * curve.points.length; // 101
 * curve.points[50]; // { populationShare: 0.5, valueShare: 0.47 }
 * ```
 */
export async function lorenz(db: Kysely<Database>, input: LorenzInput): Promise<LorenzCurve> {
  // The code first, so a malformed one throws the domain's InvalidRegionCodeError.
  const scope = regionScope(input.code);
  const { year, kind, ...parsed } = parseQueryInput(LorenzInput, input);
  const measure = parsed.measure ?? DEFAULT_MEASURE;
  const m = measureColumn(measure);
  await assertRegionExists(db, scope);
  // k runs over 0..s with s = min(n, 100) steps: p = k/s, read at position k n / s in the sorted
  // values. j = min(floor(position), n - 1) is the knot at or before it, held = C(j) +
  // (position - j) y_(j+1): C(j) is `before` of the row ranked j + 1.
  const result = await sql<{
    n: number;
    total: number;
    gini_numerator: number;
    k: number;
    steps: number;
    held: number;
  }>`
    with v as (
      select ${m} as y from village_index
      where year = ${year} and ${scope.where} and ${kindFilter(kind)} and ${m} is not null
    ), numbered as (
      select y, row_number() over (order by y) as i, count(*) over () as cnt from v
    ), ranked as (
      -- Summed in the order of i, not of y: among tied values a second window over y could order
      -- them differently from row_number.
      select y, i, cnt,
        coalesce(sum(y) over (order by i rows between unbounded preceding and 1 preceding), 0) as before
      from numbered
    ), totals as (
      select count(*) as n, coalesce(sum(y), 0) as total,
        coalesce(sum((2 * i - cnt - 1) * y), 0) as gini_numerator
      from ranked
    ), grid as (
      select t.n, t.total, least(t.n, ${POINTS - 1}) as steps, k
      from totals t, range(0, least(t.n, ${POINTS - 1}) + 1) r(k)
      where t.n > 0
    ), positioned as (
      select *, k * n / steps as position, least(floor(k * n / steps), n - 1) as j from grid
    )
    select p.n::integer as n, p.total, t.gini_numerator, p.k::integer as k,
      p.steps::integer as steps, r.before + (p.position - p.j) * r.y as held
    from positioned p
    join ranked r on r.i = p.j + 1
    cross join (select gini_numerator from totals) t
    order by p.k`.execute(db);
  const rows = result.rows;
  const first = rows[0];
  if (!first || first.n === 0) {
    throw new NoDataError(`no ${measure} values in ${year} for ${scope.code ?? 'the nation'}`);
  }
  const { n, total, steps } = first;
  const points: LorenzPoint[] = rows.map((r) => ({
    populationShare: r.k / steps,
    valueShare: total === 0 ? r.k / steps : r.held / total,
  }));
  // Pinned as the domain does, so rounding cannot leave 0.9999999999999999 at the end.
  points[points.length - 1] = { populationShare: 1, valueShare: 1 };
  return {
    code: scope.code ?? null,
    level: scope.level,
    year,
    measure,
    n,
    gini: total > 0 ? Math.max(0, first.gini_numerator / (n * total)) : 0,
    points,
  };
}
