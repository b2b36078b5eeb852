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

  it('draws one region without a fit', () => {
    const svg = scatterPlot({ ...base, points: [base.points[0]!], fit: null });
    expect(svg).not.toContain('NaN');
    expect(svg).not.toContain('class="fit"');
  });

  it('says there is no data', () => {
    expect(scatterPlot({ ...base, points: [] })).toContain('No data');
  });
});
