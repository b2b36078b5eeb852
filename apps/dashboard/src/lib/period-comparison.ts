import type { DivideSummary, RegionIndexRow } from './api-types.js';

/** One child region from one year to another: both values, the change, the change in rank. */
export interface PeriodRow {
  code: string;
  name: string;
  from: number | null;
  to: number | null;
  change: number | null;
  /** 1 = the highest value of its year; null without a value that year. */
  rankFrom: number | null;
  rankTo: number | null;
  /** Places climbed (positive) or lost (negative). */
  rankChange: number | null;
  /** Moved against the scope's own trend (fell while the scope rose, or rose while it fell). */
  against: boolean;
}

interface ChildValue {
  code: string;
  name: string;
  value: number | null;
}

/** Ranks by value, highest first; ties share the better rank (1, 2, 2, 4). */
function ranks(rows: readonly ChildValue[]): Map<string, number> {
  const sorted = rows
    .filter((r): r is ChildValue & { value: number } => r.value !== null)
    .sort((a, b) => b.value - a.value);
  const out = new Map<string, number>();
  sorted.forEach((r, i) => {
    const previous = sorted[i - 1];
    out.set(r.code, previous && previous.value === r.value ? out.get(previous.code)! : i + 1);
  });
  return out;
}

/**
 * The children of a scope from year `then` to year `now`: both values, the change, both ranks
 * and the places climbed, and whether each moved against `trend` (the scope's own change over
 * the same years). Children of either year are kept; the order is the latest value, highest
 * first, those without one last.
 *
 * @example
 * ```ts
 * periodComparison(
 *   [{ code: 'a', name: 'A', value: 3.4 }, { code: 'b', name: 'B', value: 3.5 }],
 *   [{ code: 'a', name: 'A', value: 3.7 }, { code: 'b', name: 'B', value: 3.45 }],
 *   0.1,
 * );
 * // [{ code: 'a', from: 3.4, to: 3.7, change: 0.3, rankFrom: 2, rankTo: 1, rankChange: 1, against: false, ... },
 * //  { code: 'b', from: 3.5, to: 3.45, change: -0.05, rankFrom: 1, rankTo: 2, rankChange: -1, against: true, ... }]
 * ```
 */
export function periodComparison(
  then: readonly ChildValue[],
  now: readonly ChildValue[],
  trend: number | null,
): PeriodRow[] {
  const before = new Map(then.map((r) => [r.code, r]));
  const after = new Map(now.map((r) => [r.code, r]));
  const rankBefore = ranks(then);
  const rankAfter = ranks(now);
  const codes = [...new Set([...now.map((r) => r.code), ...then.map((r) => r.code)])];
  return codes
    .map((code) => {
      const from = before.get(code)?.value ?? null;
      const to = after.get(code)?.value ?? null;
      const change = from !== null && to !== null ? to - from : null;
      const rankFrom = rankBefore.get(code) ?? null;
      const rankTo = rankAfter.get(code) ?? null;
      return {
        code,
        name: after.get(code)?.name ?? before.get(code)?.name ?? code,
        from,
        to,
        change,
        rankFrom,
        rankTo,
        rankChange: rankFrom !== null && rankTo !== null ? rankFrom - rankTo : null,
        against:
          trend !== null &&
          change !== null &&
          trend !== 0 &&
          change !== 0 &&
          Math.sign(change) !== Math.sign(trend),
      };
    })
    .sort((a, b) => (b.to ?? -Infinity) - (a.to ?? -Infinity) || a.code.localeCompare(b.code));
}

/** One year of a page: its children's figures and its divide figures. */
export interface PeriodSide {
  year: number;
  children: RegionIndexRow[];
  summary: DivideSummary | null;
}

/** Two years of a page in order, as PeriodComparison shows them. */
export interface Periods {
  from: number;
  to: number;
  childrenFrom: RegionIndexRow[];
  childrenTo: RegionIndexRow[];
  summaryFrom: DivideSummary | null;
  summaryTo: DivideSummary | null;
}

/**
 * The year shown and the year compared with (`?banding=`) as "from" and "to": the earlier year is
 * always "from", whichever of the two is shown. null without a comparison or a year shown.
 *
 * @example
 * ```ts
 * periodsOf(data.compare, { year: 2024, children: data.children, summary: data.summary });
 * ```
 */
export function periodsOf(compare: PeriodSide | null, shown: PeriodSide | null): Periods | null {
  if (!compare || !shown) return null;
  const [a, b] = compare.year < shown.year ? [compare, shown] : [shown, compare];
  return {
    from: a.year,
    to: b.year,
    childrenFrom: a.children,
    childrenTo: b.children,
    summaryFrom: a.summary,
    summaryTo: b.summary,
  };
}
