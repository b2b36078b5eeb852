import { DivideInputError } from './divide-input-error.js';
import { checkValues } from './check-values.js';
import { sortAscending } from './ranked-sum.js';

/** One point of a {@link lorenzCurve}: the poorest `populationShare` hold `valueShare` of the total. */
export interface LorenzPoint {
  populationShare: number;
  valueShare: number;
}

/**
 * The Lorenz curve: with the values sorted ascending, the point (i/n, sum of the i smallest / total)
 * for i = 0..n, always from (0, 0) to (1, 1). The area between it and the diagonal is half the Gini.
 *
 * Without `points` every one of the n + 1 knots is returned. With `points` (an integer >= 2) and
 * more knots than that, the curve is read at `points` evenly spaced population shares
 * (0, 1/(points-1), ..., 1) by linear interpolation between knots, which is exact because the
 * curve is straight between them: a chart of 80,000 villages needs 101 points, not 80,001.
 *
 * Rules: all values 0 gives the diagonal (perfect equality, as in {@link gini}); negative values,
 * empty input, non-finite numbers and a bad `points` throw {@link DivideInputError}.
 *
 * @example
 * ```ts
 * lorenzCurve([0, 0, 0, 1]);
 * // [{0, 0}, {0.25, 0}, {0.5, 0}, {0.75, 0}, {1, 1}] as { populationShare, valueShare }
 * lorenzCurve(villageScores, 101).length; // 101 (or fewer for fewer villages)
 * ```
 */
export function lorenzCurve(values: readonly number[], points?: number): LorenzPoint[] {
  checkValues('lorenzCurve', values, { nonNegative: true });
  if (points !== undefined && !(Number.isInteger(points) && points >= 2)) {
    throw new DivideInputError('lorenzCurve', `points must be an integer >= 2, got ${points}`);
  }
  const sorted = sortAscending(values);
  const n = sorted.length;
  const cumulative = [0];
  for (const v of sorted) cumulative.push((cumulative[cumulative.length - 1] ?? 0) + v);
  const total = cumulative[n] ?? 0;
  // Value share held by the poorest fraction p, interpolated between knots j/n and (j+1)/n.
  const shareAt = (p: number): number => {
    if (total === 0) return p;
    const position = p * n;
    const j = Math.min(Math.floor(position), n - 1);
    const held = (cumulative[j] ?? 0) + (position - j) * (sorted[j] ?? 0);
    return held / total;
  };

  if (points === undefined || n + 1 <= points) {
    return cumulative.map((c, i) => ({
      populationShare: i / n,
      valueShare: total === 0 ? i / n : c / total,
    }));
  }
  const curve: LorenzPoint[] = [];
  for (let k = 0; k < points; k++) {
    const p = k / (points - 1);
    curve.push({ populationShare: p, valueShare: shareAt(p) });
  }
  // Pin the end so rounding cannot leave 0.9999999999999999.
  curve[points - 1] = { populationShare: 1, valueShare: 1 };
  return curve;
}
