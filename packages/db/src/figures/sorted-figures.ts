import { binLayout, DEFAULT_BINS } from '../queries/distribution.js';

export { DEFAULT_BINS };

// The figures of one region's villages from their values sorted ascending, written as the
// on-demand SQL in queries/ writes them (row_number as the 1-based position, the same weights,
// the same interpolation), so the stored figures and the on-demand ones agree to rounding. The
// refresh (scope-figures.ts) calls these on each region's slice of one sorted buffer; the stored
// reads call them on the values of one regency or district read from village_index.

/** The scalar figures of one sorted slice; see queries/divide-summary.ts and timeseries.ts. */
export interface SliceFigures {
  mean: number;
  cv: number;
  gini: number;
  theil: number;
  palma: number | null;
  quintileTop: number;
  quintileBottom: number;
  below: number;
  p10: number;
  p50: number;
  p90: number;
}

/** DuckDB's quantile_cont: linear interpolation at position (n - 1) q. */
function quantileCont(a: Float64Array, start: number, n: number, q: number): number {
  const position = (n - 1) * q;
  const lo = Math.floor(position);
  const hi = Math.ceil(position);
  const low = a[start + lo] as number;
  if (lo === hi) return low;
  return low + (position - lo) * ((a[start + hi] as number) - low);
}

/**
 * The figures of `a[start .. start + n)`, sorted ascending, n >= 1; `threshold` is the measure's
 * default "lagging" cut-off. With `logs` (ln of each value, 0 for a value <= 0, in the same
 * places) the Theil index is summed as y (ln y - ln mean) instead of taking a logarithm per value
 * and region: the same number to rounding, a logarithm per village instead of one per village
 * and region.
 */
export function sliceFigures(
  a: Float64Array,
  start: number,
  n: number,
  threshold: number,
  logs?: Float64Array,
): SliceFigures {
  const end = start + n;
  let total = 0;
  for (let k = start; k < end; k++) total += a[k] as number;
  const mean = total / n;
  let squares = 0;
  let gnum = 0;
  let theil = 0;
  if (logs && mean > 0) {
    const logMean = Math.log(mean);
    for (let k = start; k < end; k++) {
      const y = a[k] as number;
      const d = y - mean;
      squares += d * d;
      gnum += (2 * (k - start + 1) - n - 1) * y;
      if (y > 0) theil += y * ((logs[k] as number) - logMean);
    }
    theil /= mean;
  } else {
    for (let k = start; k < end; k++) {
      const y = a[k] as number;
      const d = y - mean;
      squares += d * d;
      gnum += (2 * (k - start + 1) - n - 1) * y;
      if (y > 0 && mean > 0) theil += (y / mean) * Math.log(y / mean);
    }
  }
  // The fractional cuts of divide-summary.ts: the weight of rank i in the top k is
  // clamp(i - (n - k), 0, 1), in the bottom k clamp(k - (i - 1), 0, 1); only the ranks with a
  // weight are visited.
  const top = (cut: number) => {
    let sum = 0;
    for (let i = Math.max(1, Math.floor(cut)); i <= n; i++) {
      sum += (a[start + i - 1] as number) * Math.max(0, Math.min(1, i - cut));
    }
    return sum;
  };
  const bottom = (cut: number) => {
    let sum = 0;
    for (let i = 1; i <= n && i - 1 < cut; i++) {
      sum += (a[start + i - 1] as number) * Math.max(0, Math.min(1, cut - (i - 1)));
    }
    return sum;
  };
  const top10 = top(n - n / 10);
  const bottom40 = bottom((4 * n) / 10);
  const top20 = top(n - n / 5);
  const bottom20 = bottom(n / 5);
  // Villages strictly below the threshold: the first position holding a value >= it.
  let lo = start;
  let hi = end;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((a[mid] as number) < threshold) lo = mid + 1;
    else hi = mid;
  }
  const sd = Math.sqrt(squares / n);
  return {
    mean,
    cv: mean > 0 ? sd / mean : 0,
    gini: total > 0 ? gnum / (n * total) : 0,
    theil: theil / n,
    palma: bottom40 === 0 ? (top10 === 0 ? 0.25 : null) : top10 / bottom40,
    quintileTop: top20 / (n / 5),
    quintileBottom: bottom20 / (n / 5),
    below: lo - start,
    p10: quantileCont(a, start, n, 0.1),
    p50: quantileCont(a, start, n, 0.5),
    p90: quantileCont(a, start, n, 0.9),
  };
}

/** Points of a Lorenz curve over many villages (queries/lorenz.ts): 0%, 1%, ..., 100%. */
const LORENZ_STEPS = 100;

/**
 * The value shares of the Lorenz curve of a sorted slice at population shares k / s, k = 0..s,
 * s = min(n, 100), as queries/lorenz.ts reads them: at position k n / s between the knots, the
 * last pinned to 1.
 */
export function lorenzShares(a: Float64Array, start: number, n: number): number[] {
  const steps = Math.min(n, LORENZ_STEPS);
  let total = 0;
  for (let k = start; k < start + n; k++) total += a[k] as number;
  const shares: number[] = [];
  let before = 0;
  let j = 0;
  for (let k = 0; k <= steps; k++) {
    const position = (k * n) / steps;
    const knot = Math.min(Math.floor(position), n - 1);
    while (j < knot) before += a[start + j++] as number;
    const held = before + (position - knot) * (a[start + knot] as number);
    shares.push(total === 0 ? k / steps : held / total);
  }
  shares[steps] = 1;
  return shares;
}

/**
 * The counts of the default histogram of a sorted slice (queries/distribution.ts): each value's
 * bin guessed by division and corrected against the edges, as the SQL places it.
 */
export function binCounts(a: Float64Array, start: number, n: number): number[] {
  const lo = a[start] as number;
  const hi = a[start + n - 1] as number;
  const { num, den, first, count } = binLayout(lo, hi, DEFAULT_BINS);
  const counts = new Array<number>(count).fill(0);
  for (let k = start; k < start + n; k++) {
    const v = a[k] as number;
    let g = Math.floor((v * den) / num) - first;
    if (v >= ((first + g + 1) * num) / den) g += 1;
    else if (v < ((first + g) * num) / den) g -= 1;
    const b = Math.min(Math.max(g, 0), count - 1);
    counts[b] = (counts[b] as number) + 1;
  }
  return counts;
}
