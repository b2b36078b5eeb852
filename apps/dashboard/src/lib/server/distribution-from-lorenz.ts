import { thresholdSturges, ticks } from 'd3';
import type { Bin } from '$lib/charts/histogram.js';

export interface LorenzInputPoint {
  populationShare: number;
  valueShare: number;
}

/** The villages' distribution as histogram bins, and how exact it is. */
export interface Distribution {
  bins: Bin[];
  /** True when every village is a knot of the curve (n <= 100): the bins count actual villages. */
  exact: boolean;
  /** Lowest and highest value placed (a village, or a percentile group's mean). */
  min: number;
  max: number;
}

/**
 * The distribution of a region's village values, recovered from its Lorenz curve and mean: the
 * slope of the curve between two knots, times the mean, is the mean value of the villages between
 * them. The API returns every knot up to 100 villages (exact values) and 101 evenly spaced points
 * beyond (the means of percentile groups, each 1% of the villages): close to the true histogram,
 * slightly narrower in the tails, and said so on the page.
 *
 * We do this rather than fetch thousands of values because the API has no per-village listing
 * above the district; a histogram procedure there would make this exact (see the report).
 *
 * @example
 * ```ts
 * // Villages 1, 2, 3, 4, 10 (mean 4): knots at 0, .05, .15, .3, .5, 1.
 * distributionFromLorenz([0, .05, .15, .3, .5, 1].map((v, i) => ({ populationShare: i / 5, valueShare: v })), 5, 4);
 * ```
 */
export function distributionFromLorenz(
  points: readonly LorenzInputPoint[],
  n: number,
  mean: number,
): Distribution | null {
  if (points.length < 2 || !(n > 0) || !Number.isFinite(mean)) return null;
  const sorted = [...points].sort((a, b) => a.populationShare - b.populationShare);
  const groups: { value: number; weight: number }[] = [];
  for (let i = 1; i < sorted.length; i++) {
    const dp = sorted[i]!.populationShare - sorted[i - 1]!.populationShare;
    if (dp <= 0) continue;
    const dl = sorted[i]!.valueShare - sorted[i - 1]!.valueShare;
    groups.push({ value: (dl / dp) * mean, weight: dp * n });
  }
  if (groups.length === 0) return null;
  const values = groups.map((g) => g.value);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  if (lo === hi) {
    const half = Math.max(Math.abs(lo) * 0.01, 0.01);
    return {
      bins: [{ x0: lo - half, x1: hi + half, count: n }],
      exact: n <= 100,
      min: lo,
      max: hi,
    };
  }
  const count = Math.min(30, Math.max(5, thresholdSturges(values) + 2));
  const edges = ticks(lo, hi, count);
  const step = (edges[1] ?? hi) - (edges[0] ?? lo) || (hi - lo) / count;
  const start = Math.floor(lo / step) * step;
  const binCount = Math.max(1, Math.ceil((hi - start) / step + 1e-9));
  const bins: Bin[] = Array.from({ length: binCount }, (_, i) => ({
    x0: round(start + i * step),
    x1: round(start + (i + 1) * step),
    count: 0,
  }));
  for (const g of groups) {
    const index = Math.min(binCount - 1, Math.max(0, Math.floor((g.value - start) / step + 1e-9)));
    bins[index]!.count += g.weight;
  }
  for (const bin of bins) bin.count = Math.round(bin.count * 100) / 100;
  return { bins, exact: n <= 100, min: lo, max: hi };
}

function round(value: number): number {
  return Math.round(value * 1e9) / 1e9;
}
