import { sql, type Kysely, type RawBuilder } from 'kysely';
import { z } from 'zod';
import {
  FigureWeight,
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
import {
  peopleWeightEffective,
  pooledPeopleWeightedValues,
  type PeopleWeighting,
} from './people-weights.js';

/**
 * Input of {@link lorenz}: the region (`code`, the nation when absent), the year, the measure
 * (default `skills_index`), which villages by kind (default all) and how villages are weighted
 * (`weight`, default `village`).
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
  weight: FigureWeight.optional(),
});
export type LorenzInput = z.input<typeof LorenzInput>;

/**
 * The Lorenz curve of a region's villages in a year, and its Gini. Asked with `weight: 'people'`
 * (`weight`, `weightEffective`; absent for village weights) and effective (a province or the
 * nation), the population shares are shares of people and the Gini is the domain's weightedGini.
 */
export interface LorenzCurve extends Partial<PeopleWeighting> {
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
  if (parsed.weight === 'people' && peopleWeightEffective(scope.level)) {
    const where = sql<boolean>`year = ${year} and ${scope.where} and ${kindFilter(kind)}`;
    const curve = await peopleWeightedLorenz(db, m, where);
    if (!curve) {
      throw new NoDataError(`no ${measure} values in ${year} for ${scope.code ?? 'the nation'}`);
    }
    return {
      weight: 'people',
      weightEffective: true,
      code: scope.code ?? null,
      level: scope.level,
      year,
      measure,
      ...curve,
    };
  }
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
    // Within one regency every village carries the same weight: the village curve, said so.
    ...(parsed.weight === 'people' ? { weight: 'people' as const, weightEffective: false } : {}),
    code: scope.code ?? null,
    level: scope.level,
    year,
    measure,
    n,
    gini: total > 0 ? Math.max(0, first.gini_numerator / (n * total)) : 0,
    points,
  };
}

/**
 * The people-weighted curve, always at the 101 population shares p = k/100: a village covers the
 * stretch [W_before, W_before + w] of the people (sorted by value), and the curve is read at
 * p W inside the village holding it, which an ASOF join finds (the last village whose W_before is
 * at or below p W): held = (sum of w y before it) + (p W - W_before) y. The Gini is
 * sum_i w_i y_i (W_before - W_after) / (W sum w y), the domain's weightedGini.
 */
async function peopleWeightedLorenz(
  db: Kysely<Database>,
  m: RawBuilder<number>,
  where: RawBuilder<boolean>,
): Promise<{ n: number; gini: number; points: LorenzPoint[] } | null> {
  const result = await sql<{
    n: number;
    total: number;
    gini_numerator: number;
    weight_total: number;
    k: number;
    held: number;
  }>`
    with v as (
      select y, sum(w) as w, sum(n) as n
      from (${pooledPeopleWeightedValues(m, where, 'regency_code')}) group by y
    ),
    numbered as (select y, w, n, row_number() over (order by y) as i from v),
    ranked as (
      select y, w, n, i,
        coalesce(sum(w) over (order by i rows between unbounded preceding and 1 preceding), 0) as before,
        coalesce(sum(w * y) over (order by i rows between unbounded preceding and 1 preceding), 0) as value_before
      from numbered
    ), totals as (
      select coalesce(sum(n), 0) as n, sum(w) as weight_total, coalesce(sum(w * y), 0) as total from ranked
    ), gini as (
      select coalesce(sum(r.w * r.y * (r.before - (t.weight_total - r.before - r.w))), 0) as gini_numerator
      from ranked r cross join totals t
    ), grid as (
      select k, k / ${POINTS - 1} * t.weight_total as position
      from totals t, range(0, ${POINTS}) g(k) where t.n > 0
    )
    select t.n::integer as n, t.total, gi.gini_numerator, t.weight_total, g.k::integer as k,
      r.value_before + (g.position - r.before) * r.y as held
    from grid g asof join ranked r on g.position >= r.before
    cross join totals t cross join gini gi
    order by g.k`.execute(db);
  const first = result.rows[0];
  if (!first || first.n === 0) return null;
  const { n, total, weight_total: weightTotal } = first;
  const steps = POINTS - 1;
  const points: LorenzPoint[] = result.rows.map((r) => ({
    populationShare: r.k / steps,
    valueShare: total === 0 ? r.k / steps : Math.min(1, r.held / total),
  }));
  points[points.length - 1] = { populationShare: 1, valueShare: 1 };
  return {
    n,
    gini: total > 0 ? Math.max(0, first.gini_numerator / (weightTotal * total)) : 0,
    points,
  };
}
