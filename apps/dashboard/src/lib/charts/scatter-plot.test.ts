import { describe, expect, it } from 'vitest';
import { expectSvgSnapshot } from '../../../test/svg-snapshot.js';
import { scatterPlot, type ScatterPlotOptions } from './scatter-plot.js';

// Four regions: lower starting level, faster growth. Fit by hand: slope -0.05, intercept 0.2.
const base: ScatterPlotOptions = {
  id: 'beta',
  width: 640,
  height: 320,
  title: 'Beta convergence',
  desc: 'Scatter',
  points: [
    { key: 'a', label: 'A', x: 3.0, y: 0.05, href: '/wilayah/35.01' },
    { key: 'b', label: 'B', x: 3.2, y: 0.04 },
    { key: 'c', label: 'C', x: 3.4, y: 0.03 },
    { key: 'd', label: 'D', x: 3.6, y: 0.02 },
  ],
  fit: { slope: -0.05, intercept: 0.2, label: 'Fitted line' },
  formatX: (v) => v.toFixed(2),
  formatY: (v) => `${(v * 100).toFixed(1)}%`,
  xLabel: 'Initial level',
  yLabel: 'Growth per year',
  pointsLabel: 'Regions',
  noDataMessage: 'No data',
};

describe('scatterPlot', () => {
  it('draws points, the zero line and the fitted line clipped to the plot', async () => {
    const svg = scatterPlot(base);
    await expectSvgSnapshot('scatter-plot', svg);
    expect(svg).toContain('clip-path="url(#beta-clip)"');
    expect(svg.match(/<a /g)).toHaveLength(1);
  });

  it('puts x on a log scale for beta convergence, where the fit on ln(x) is straight', async () => {
    // g = 0.2 - 0.1 ln(x): at x = e the line passes through 0.1.
    const svg = scatterPlot({
      ...base,
      xType: 'log',
      points: [
        { key: 'a', label: 'A', x: 2, y: 0.2 - 0.1 * Math.log(2) },
        { key: 'b', label: 'B', x: Math.E, y: 0.1 },
        { key: 'c', label: 'C', x: 4, y: 0.2 - 0.1 * Math.log(4) },
        { key: 'zero', label: 'Zero', x: 0, y: 0.5 },
      ],
      fit: { slope: -0.1, intercept: 0.2, label: 'Fitted line' },
    });
    await expectSvgSnapshot('scatter-plot-log', svg);
    expect(svg.match(/<circle/g)).toHaveLength(3);
    // Every point lies on the fitted line: its y is the line's y at the point's x.
    const [x1, y1, x2, y2] = /class="fit" d="M([\d.]+),([\d.]+)L([\d.]+),([\d.]+)"/
      .exec(svg)!
      .slice(1)
      .map(Number) as [number, number, number, number];
    for (const [, cx, cy] of svg.matchAll(/cx="([\d.]+)" cy="([\d.]+)"/g)) {
      const expected = y1 + ((Number(cx) - x1) * (y2 - y1)) / (x2 - x1);
      expect(Math.abs(Number(cy) - expected)).toBeLessThan(0.05);
    }
  });

  it('draws one region without a fit', () => {
    const svg = scatterPlot({ ...base, points: [base.points[0]!], fit: null });
    expect(svg).not.toContain('NaN');
    expect(svg).not.toContain('class="fit"');
  });

  it('says there is no data', () => {
    expect(scatterPlot({ ...base, points: [] })).toContain('No data');
  });
});
