import { DivideInputError } from './divide-input-error.js';
import { checkValues } from './check-values.js';

/** An ordinary least squares line y = intercept + slope x, and how well it fits. */
export interface LinearTrend {
  slope: number;
  intercept: number;
  /** Coefficient of determination in [0, 1]; 1 when every y is equal (the flat line fits exactly). */
  r2: number;
}

/**
 * Ordinary least squares fit of `ys` on `xs`: slope = S_xy / S_xx, intercept = mean(y) - slope
 * mean(x), r2 = S_xy^2 / (S_xx S_yy), with S the centred sums of squares and products.
 *
 * Needs two or more points of equal-length arrays, all finite, and at least two distinct x (else
 * the slope is undefined). When every y is equal the line is flat and fits exactly: slope 0,
 * r2 = 1. Errors are {@link DivideInputError}: `linearTrend: 3 xs for 4 ys`.
 *
 * @example
 * ```ts
 * linearTrend([2020, 2021, 2022], [3.46, 3.49, 3.54]); // slope 0.04 a year, r2 0.98
 * ```
 */
export function linearTrend(xs: readonly number[], ys: readonly number[]): LinearTrend {
  return fitLine('linearTrend', xs, ys);
}

/**
 * {@link linearTrend} with the caller's name in error messages, for the metrics built on it.
 * Not exported from the package: callers outside statistics/ use linearTrend.
 */
export function fitLine(
  fn: string,
  xs: readonly number[],
  ys: readonly number[],
  xName = 'x',
): LinearTrend {
  if (xs.length !== ys.length)
    throw new DivideInputError(fn, `${xs.length} xs for ${ys.length} ys`);
  checkValues(fn, xs, { where: `of the ${xName} values` });
  checkValues(fn, ys, { where: 'of the y values' });
  const n = xs.length;
  if (n < 2) throw new DivideInputError(fn, 'needs at least two points for a trend');
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    sx += xs[i] ?? 0;
    sy += ys[i] ?? 0;
  }
  const mx = sx / n;
  const my = sy / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] ?? 0) - mx;
    const dy = (ys[i] ?? 0) - my;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  if (sxx === 0) {
    throw new DivideInputError(fn, `all ${xName} values are equal (${xs[0]}), slope undefined`);
  }
  const slope = sxy / sxx;
  const r2 = syy === 0 ? 1 : Math.min(1, (sxy * sxy) / (sxx * syy));
  return { slope, intercept: my - slope * mx, r2 };
}
