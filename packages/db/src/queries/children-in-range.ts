import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import type { IndexMeasure, RegionLevel } from '@pandu/domain';
import type { Database } from '../schema/database.js';
import { NoDataError } from '../errors.js';
import { assertRegionExists } from './assert-region-exists.js';
import { DEFAULT_MEASURE, kindFilter, measureColumn, regionScope } from '../sql/index.js';
import { DistributionInput } from './distribution.js';
import { parseQueryInput } from './parse-query-input.js';

/**
 * Input of {@link childrenInRange}: the region, year, measure and kind of a histogram
 * ({@link DistributionInput} without its bin count) and a range of values `from <= value < to`
 * (`includeTo` also counts a value equal to `to`, as the histogram's last bin does). Throws a
 * `QueryInputError` naming `to` when the range is empty.
 *
 * @example
 * ```ts
 * ChildrenInRangeInput.parse({ code: '35', year: 2024, from: 1, to: 2.5 });
 * ```
 */
export const ChildrenInRangeInput = DistributionInput.omit({ bins: true })
  .extend({
    from: z.number().finite(),
    to: z.number().finite(),
    includeTo: z.boolean().optional(),
  })
  .refine((input) => input.to > input.from, {
    path: ['to'],
    message: 'must be greater than from',
  });
export type ChildrenInRangeInput = z.input<typeof ChildrenInRangeInput>;

/** A child region: its villages with a value, and how many of them lie in the range. */
export interface ChildInRange {
  code: string;
  name: string;
  /** Villages with a value of the measure that year. */
  villages: number;
  /** Of those, the villages whose value lies in the range. */
  inRange: number;
}

/** How many villages of each child of a region have a value in a range (a histogram's bins). */
export interface ChildrenInRange {
  code: string | null;
  level: RegionLevel | 'nation';
  year: number;
  measure: IndexMeasure;
  from: number;
  to: number;
  includeTo: boolean;
  /** Villages of the region with a value. */
  villages: number;
  /** Of those, the villages in the range (the children's `inRange` add up to it). */
  inRange: number;
  /** Every child, also one without villages in the range, ordered by code. */
  children: ChildInRange[];
}

/**
 * How many of each child's villages have a value in `[from, to)` (or `[from, to]`): what a
 * selection of a histogram's bins asks of the other charts of a page (the ranking then shows where
 * those villages are). The edges compare as the histogram's do (`value >= x0 and value < x1`), so
 * a range of whole bins counts the bins' villages exactly. Children of a village: none.
 *
 * Throws the domain's `InvalidRegionCodeError` for a malformed code, `UnknownRegionError` for an
 * unknown one, `QueryInputError` for a bad year, measure or range, and `NoDataError` when no
 * village has a value that year (as the histogram does). A village has no children: none, and
 * totals of 0.
 *
 * @example
 * ```ts
 * const r = await childrenInRange(db, { year: 2024, from: 1, to: 2.5 });
 * r.children[0]; // { code: '11', name: 'Aceh', villages: 6497, inRange: 12 }
 * ```
 */
export async function childrenInRange(
  db: Kysely<Database>,
  input: ChildrenInRangeInput,
): Promise<ChildrenInRange> {
  // The code first, so a malformed one throws the domain's InvalidRegionCodeError.
  const scope = regionScope(input.code);
  const parsed = parseQueryInput(ChildrenInRangeInput, input);
  const measure = parsed.measure ?? DEFAULT_MEASURE;
  const includeTo = parsed.includeTo ?? false;
  const m = measureColumn(measure);
  await assertRegionExists(db, scope);
  const base = {
    code: scope.code ?? null,
    level: scope.level,
    year: parsed.year,
    measure,
    from: parsed.from,
    to: parsed.to,
    includeTo,
  };
  const child = scope.childColumn;
  if (!child) return { ...base, villages: 0, inRange: 0, children: [] };
  const inRange = includeTo
    ? sql<boolean>`${m} >= ${parsed.from} and ${m} <= ${parsed.to}`
    : sql<boolean>`${m} >= ${parsed.from} and ${m} < ${parsed.to}`;
  const where = sql`year = ${parsed.year} and ${scope.where} and ${kindFilter(parsed.kind)}`;
  // The totals from the villages themselves (as the histogram counts them), not from the
  // children's rows: a village whose child region were missing would still count.
  const totals = await sql<{ villages: number; in_range: number }>`
    select count(${m})::integer as villages, count(*) filter (where ${inRange})::integer as in_range
    from village_index where ${where}`.execute(db);
  const total = totals.rows[0];
  if (!total || total.villages === 0) {
    throw new NoDataError(
      `no ${measure} values in ${parsed.year} for ${scope.code ?? 'the nation'}`,
    );
  }
  const children =
    scope.code === undefined ? sql`r.level = 'province'` : sql`r.parent_code = ${scope.code}`;
  const result = await sql<ChildInRange>`
    with counted as (
      select ${sql.ref(child)} as code, count(${m})::integer as villages,
        count(*) filter (where ${inRange})::integer as in_range
      from village_index
      where ${where}
      group by 1
    )
    select r.code, r.name, coalesce(c.villages, 0)::integer as "villages",
      coalesce(c.in_range, 0)::integer as "inRange"
    from regions r left join counted c on c.code = r.code
    where ${children}
    order by r.code`.execute(db);
  return { ...base, villages: total.villages, inRange: total.in_range, children: result.rows };
}
