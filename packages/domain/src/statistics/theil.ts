import { DivideInputError } from './divide-input-error.js';
import { checkValues } from './check-values.js';

/**
 * Theil T index: T = (1/n) sum_i (y_i/m) ln(y_i/m), with m the mean and 0 ln 0 = 0 (the limit).
 *
 * Range [0, ln n]: 0 when all values are equal. Unlike the Gini it splits exactly into a between-
 * and a within-group part, see {@link theilDecomposition}.
 *
 * Rules for awkward input, the same as {@link gini}: one value gives 0; all values 0 (mean 0) gives
 * 0, read as perfect equality; negative values, empty input and non-finite numbers throw
 * {@link DivideInputError} (`theil: negative value -1 at index 0`).
 *
 * @example
 * ```ts
 * theil([1, 1, 2, 4]); // ln(2) / 4 = 0.1733
 * theil([0, 0, 0, 1]); // ln(4) = 1.386, the maximum for n = 4
 * ```
 */
export function theil(values: readonly number[]): number {
  checkValues('theil', values, { nonNegative: true });
  return theilOf(values);
}

// Called after validation; shared with the decomposition so it checks each group only once.
// Works with r = (y / total) n rather than y / m: the mean of tiny values can underflow to 0 where
// their ratios to the total do not.
function theilOf(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  if (total === 0) return 0;
  const n = values.length;
  let sum = 0;
  for (const v of values) {
    const r = (v / total) * n;
    if (r > 0) sum += r * Math.log(r);
  }
  // T >= 0 in exact arithmetic; rounding can leave -1e-17 for equal values.
  return Math.max(0, sum / n);
}

/** Groups for {@link theilDecomposition}: a list (keys default to the position) or a record. */
export type TheilGroupsInput =
  | ReadonlyArray<{ key?: string; values: readonly number[] }>
  | Readonly<Record<string, readonly number[]>>;

/** One group's part in a {@link TheilDecomposition}. */
export interface TheilGroup {
  key: string;
  /** Number of values in the group. */
  n: number;
  mean: number;
  /** The group's own Theil T. */
  theil: number;
  /** n_g / N. */
  populationShare: number;
  /** The group's share of the pooled total, s_g = n_g m_g / (N m). */
  valueShare: number;
  /** s_g T_g: what the group adds to the within part. */
  within: number;
  /** s_g ln(m_g / m): what the group adds to the between part (negative for a below-mean group). */
  between: number;
}

/** Result of {@link theilDecomposition}. */
export interface TheilDecomposition {
  /** Theil T of all values pooled, computed directly (not as between + within). */
  total: number;
  /** Inequality between group means: sum_g s_g ln(m_g / m). */
  between: number;
  /** Inequality inside the groups: sum_g s_g T_g. */
  within: number;
  /** between / total: how much of the divide is between groups; null when total is 0. */
  betweenShare: number | null;
  groups: TheilGroup[];
}

/**
 * Splits the Theil T of all values pooled into a between-group and a within-group part:
 * T = sum_g s_g T_g + sum_g s_g ln(m_g / m), with s_g = n_g m_g / (N m) the group's share of the
 * total. The identity is exact, so `between + within` equals `total` up to rounding. Grouping
 * villages by province (or kelurahan vs desa) this says whether the divide is regional or local.
 *
 * Every group must have at least one value; keys must be unique. Values follow {@link theil}'s
 * rules, errors name the group: `theilDecomposition: negative value -2 at index 0 of group "35"`.
 * A group whose values are all 0 has share 0 and adds nothing to either part. If every value is 0,
 * all parts are 0, `betweenShare` is null and each group's `valueShare` is its population share
 * (the equality convention of {@link lorenzCurve}).
 *
 * @example
 * ```ts
 * const d = theilDecomposition({ a: [1, 1], b: [2, 4] });
 * d.total; // ln(2)/4 = 0.1733
 * d.between; // 0.75 ln 3 - ln 2 = 0.1308
 * d.within; // 1.25 ln 2 - 0.75 ln 3 = 0.0425
 * ```
 */
export function theilDecomposition(groups: TheilGroupsInput): TheilDecomposition {
  const fn = 'theilDecomposition';
  const list = Array.isArray(groups)
    ? (groups as ReadonlyArray<{ key?: string; values: readonly number[] }>).map((g, i) => ({
        key: g.key ?? String(i),
        values: g.values,
      }))
    : Object.entries(groups as Readonly<Record<string, readonly number[]>>).map(
        ([key, values]) => ({ key, values }),
      );
  if (list.length === 0) throw new DivideInputError(fn, 'needs at least one group');
  const seen = new Set<string>();
  for (const g of list) {
    if (seen.has(g.key))
      throw new DivideInputError(fn, `duplicate group key ${JSON.stringify(g.key)}`);
    seen.add(g.key);
    checkValues(fn, g.values, { nonNegative: true, where: `of group ${JSON.stringify(g.key)}` });
  }

  const all = list.flatMap((g) => g.values);
  const bigN = all.length;
  let grand = 0;
  for (const v of all) grand += v;
  const total = theilOf(all);

  let between = 0;
  let within = 0;
  const parts: TheilGroup[] = list.map(({ key, values }) => {
    let sum = 0;
    for (const v of values) sum += v;
    const n = values.length;
    const t = theilOf(values);
    const populationShare = n / bigN;
    const valueShare = grand === 0 ? populationShare : sum / grand;
    const w = grand === 0 ? 0 : valueShare * t;
    // m_g / m = s_g / (n_g / N): ratios of shares stay exact where means of tiny values underflow.
    const b =
      grand === 0 || valueShare === 0 ? 0 : valueShare * Math.log(valueShare / populationShare);
    within += w;
    between += b;
    return { key, n, mean: sum / n, theil: t, populationShare, valueShare, within: w, between: b };
  });

  return {
    total,
    between,
    within,
    betweenShare: total === 0 ? null : between / total,
    groups: parts,
  };
}
