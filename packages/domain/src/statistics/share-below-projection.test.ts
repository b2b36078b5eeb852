import { describe, expect, it } from 'vitest';
import { DivideInputError } from './divide-input-error.js';
import { linearTrend } from './linear-trend.js';
import { yearReaching } from './year-reaching.js';
import {
  SHARE_BELOW_PROJECTION_LEVEL,
  shareBelowProjection,
  type BelowCount,
} from './share-below-projection.js';

/**
 * The projection by hand: OLS of ln((k + .5) / (n - k + .5)) on the year, by the raw sums (years
 * counted from the first, so the uncentred sums keep their precision).
 */
function byHand(points: BelowCount[], level: number) {
  const first = points[0]?.year ?? 0;
  const xs = points.map((p) => p.year - first);
  const zs = points.map((p) => Math.log((p.below + 0.5) / (p.n - p.below + 0.5)));
  const n = xs.length;
  const sx = xs.reduce((a, b) => a + b, 0);
  const sz = zs.reduce((a, b) => a + b, 0);
  const sxz = xs.reduce((a, x, i) => a + x * (zs[i] ?? 0), 0);
  const sxx = xs.reduce((a, x) => a + x * x, 0);
  const slope = (n * sxz - sx * sz) / (n * sxx - sx * sx);
  const last = zs[n - 1] ?? Number.NaN;
  const year = first + (xs[n - 1] ?? Number.NaN) + (Math.log(level / (1 - level)) - last) / slope;
  return { slope, year };
}

describe('shareBelowProjection', () => {
  it('fits the empirical logit and projects from the last year', () => {
    const points = [
      { year: 2021, below: 40, n: 200 },
      { year: 2022, below: 30, n: 200 },
      { year: 2023, below: 20, n: 201 },
    ];
    const p = shareBelowProjection(points);
    const hand = byHand(points, SHARE_BELOW_PROJECTION_LEVEL);
    expect(p.kind).toBe('reaches-level');
    if (p.kind !== 'reaches-level') return;
    expect(p.logitSlope).toBeCloseTo(hand.slope, 12);
    expect(p.year).toBeCloseTo(hand.year, 10);
    expect(p.year).toBeGreaterThan(2023);
    expect(p.lastShare).toBeCloseTo(20 / 201, 15);
    expect(p.level).toBe(0.01);
  });

  it('never projects a year before the last while villages are still below the level', () => {
    // Regression: a straight line on these shares reached 0 in 2024.3 while 2025 still had
    // villages below. On the logit, from the last year, the year is after 2025.
    const points = [
      { year: 2020, below: 900, n: 8000 },
      { year: 2021, below: 600, n: 8000 },
      { year: 2022, below: 380, n: 8000 },
      { year: 2023, below: 200, n: 8000 },
      { year: 2024, below: 120, n: 8000 },
      { year: 2025, below: 100, n: 8000 },
    ];
    const straight = yearReaching(
      points.map((q) => ({ year: q.year, value: q.below / q.n })),
      0,
    );
    expect(straight).toBeLessThan(2025);
    const p = shareBelowProjection(points);
    expect(p.kind).toBe('reaches-level');
    if (p.kind === 'reaches-level') expect(p.year).toBeGreaterThan(2025);
    // A level below the last share: the year is still after the last.
    const lower = shareBelowProjection(points, 0.001);
    if (lower.kind === 'reaches-level') {
      expect(lower.year).toBeCloseTo(byHand(points, 0.001).year, 10);
      expect(lower.year).toBeGreaterThan(2025);
    } else expect.unreachable(lower.kind);
  });

  it('says already below when the last share is under the level, also at zero', () => {
    const tiny = shareBelowProjection([
      { year: 2024, below: 80, n: 8000 },
      { year: 2025, below: 52, n: 8000 },
    ]);
    expect(tiny).toEqual({ kind: 'already-below', level: 0.01, lastYear: 2025, lastShare: 0.0065 });
    const none = shareBelowProjection([
      { year: 2024, below: 0, n: 10 },
      { year: 2025, below: 0, n: 12 },
    ]);
    expect(none.kind).toBe('already-below');
  });

  it('says not falling for a flat or rising logit, the zero years kept finite', () => {
    const rising = shareBelowProjection([
      { year: 2021, below: 10, n: 100 },
      { year: 2022, below: 12, n: 100 },
      { year: 2023, below: 15, n: 100 },
    ]);
    expect(rising.kind).toBe('not-falling');
    // A year with no village below (logit -infinity without the correction) is finite.
    const withZero = shareBelowProjection([
      { year: 2021, below: 0, n: 50 },
      { year: 2022, below: 5, n: 50 },
    ]);
    expect(withZero.kind).toBe('not-falling');
    if (withZero.kind === 'not-falling') {
      expect(withZero.logitSlope).toBeCloseTo(Math.log(5.5 / 45.5) - Math.log(0.5 / 50.5), 12);
      expect(withZero.pValue).toBeNull();
    }
  });

  it('differs from the straight line where that one crosses zero', () => {
    const points = [
      { year: 2021, below: 30, n: 100 },
      { year: 2022, below: 20, n: 100 },
      { year: 2023, below: 10, n: 100 },
    ];
    const line = linearTrend(
      points.map((p) => p.year),
      points.map((p) => p.below / p.n),
    );
    expect(line.intercept + line.slope * 2024).toBeCloseTo(0, 12);
    const p = shareBelowProjection(points);
    if (p.kind !== 'reaches-level') return expect.unreachable(p.kind);
    expect(p.year).toBeGreaterThan(2024);
  });

  it('refuses bad input naming it', () => {
    expect(() => shareBelowProjection([{ year: 2021, below: 1, n: 10 }])).toThrow(DivideInputError);
    expect(() =>
      shareBelowProjection([
        { year: 2021, below: 1, n: 10 },
        { year: 2021, below: 1, n: 10 },
      ]),
    ).toThrow(/duplicate year 2021/);
    expect(() =>
      shareBelowProjection([
        { year: 2021, below: 11, n: 10 },
        { year: 2022, below: 1, n: 10 },
      ]),
    ).toThrow(/11 below out of 10/);
    expect(() => shareBelowProjection([], 0)).toThrow(/level/);
  });
});
