import { describe, expect, it } from 'vitest';
import { expectSvgSnapshot } from '../../../test/svg-snapshot.js';
import { lorenzGap, widestLorenzGap, type LorenzGapOptions } from './lorenz-gap.js';

// A Gini of about 0.04, as the villages' skills index has: the curve hugs the diagonal.
const points = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1].map((p) => ({
  populationShare: p,
  valueShare: p - 0.08 * p * (1 - p),
}));
const base: LorenzGapOptions = {
  id: 'lorenz-gap',
  width: 420,
  height: 220,
  title: 'Distance from equality',
  desc: 'The gap between equality and the Lorenz curve.',
  points,
  formatPercent: (s) => `${Math.round(s * 100)}%`,
  formatGap: (g) => `${(g * 100).toFixed(1)} pp`,
  labels: { x: 'Share of villages', y: 'Gap', widest: 'Widest' },
  noDataMessage: 'No data',
};

describe('lorenzGap', () => {
  it('draws the gap on its own scale, so a Gini of 0.04 shows a visible hump', async () => {
    const svg = lorenzGap(base);
    await expectSvgSnapshot('lorenz-gap', svg);
    // The widest gap, 0.08 x 0.25 = 2 points at the middle, is named and marked.
    expect(svg).toContain('Widest: 2.0 pp');
    // Its marker sits in the upper part of the plot, not on the axis (the curve view's problem).
    const cy = Number(/class="widest" cx="[\d.]+" cy="([\d.]+)"/.exec(svg)?.[1]);
    expect(cy).toBeLessThan(220 / 2);
  });

  it('draws selected regions’ gaps beside its own, with a legend, on a scale that holds the widest', async () => {
    const wider = points.map((p) => ({
      populationShare: p.populationShare,
      valueShare: p.populationShare - 0.2 * p.populationShare * (1 - p.populationShare),
    }));
    const svg = lorenzGap({
      ...base,
      labels: { ...base.labels, own: 'Indonesia' },
      others: [{ key: '35', label: 'Jawa Timur', points: wider }],
    });
    await expectSvgSnapshot('lorenz-gap-others', svg);
    expect(svg).toContain('>Indonesia<');
    expect(svg).toContain('Jawa Timur: Widest 5.0 pp (50%)');
    // The other's hump (5 points) fits: its top lies inside the plot, below the legend.
    const d = /class="gap-other" data-key="35" d="([^"]+)"/.exec(svg)?.[1] ?? '';
    const ys = [...d.matchAll(/,([\d.]+)/g)].map((m) => Number(m[1]));
    expect(Math.min(...ys)).toBeGreaterThan(24);
    expect(lorenzGap(base)).not.toContain('gap-other');
  });

  it('finds the widest gap, whose area the Gini is twice of', () => {
    expect(widestLorenzGap(points)).toEqual({
      populationShare: 0.5,
      gap: expect.closeTo(0.02, 12),
    });
    // Trapezoid area under the gap x 2 = the Gini of the curve (0.08 / 3 for p - 0.08 p (1 - p),
    // less the trapezoids' error on 10 steps).
    let area = 0;
    for (let i = 1; i < points.length; i++) {
      const a = points[i - 1]!;
      const b = points[i]!;
      area +=
        ((b.populationShare - a.populationShare) *
          (a.populationShare - a.valueShare + (b.populationShare - b.valueShare))) /
        2;
    }
    expect(2 * area).toBeCloseTo(0.08 / 3, 2);
  });

  it('says there is no data with fewer than two points', () => {
    expect(lorenzGap({ ...base, points: [] })).toContain('No data');
  });
});
