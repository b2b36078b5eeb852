import { describe, expect, it } from 'vitest';
import { expectSvgSnapshot } from '../../../test/svg-snapshot.js';
import { intervalChart, type IntervalChartOptions } from './interval-chart.js';

const base: IntervalChartOptions = {
  id: 'impact',
  width: 640,
  title: 'Effect of mentoring',
  desc: 'Forest plot',
  intervals: [
    { key: 'all', label: 'All sectors', estimate: 0.047, low: 0.046, high: 0.049, emphasis: true },
    { key: 'umkm', label: 'UMKM', estimate: 0.05, low: 0.03, high: 0.07 },
    { key: 'pertanian', label: 'Pertanian / Peternakan', estimate: 0.01, low: -0.02, high: 0.04 },
  ],
  format: (v) => v.toFixed(3),
  xLabel: 'Extra change',
  noDataMessage: 'No estimate',
};

describe('intervalChart', () => {
  it('draws estimates with intervals against zero', async () => {
    await expectSvgSnapshot('interval-chart', intervalChart(base));
  });

  it('says when there is no estimate', () => {
    expect(intervalChart({ ...base, intervals: [] })).toContain('No estimate');
  });

  it('refuses an estimate outside its interval', () => {
    expect(() =>
      intervalChart({
        ...base,
        intervals: [{ key: 'x', label: 'X', estimate: 1, low: 2, high: 3 }],
      }),
    ).toThrow('invalid interval x');
  });
});
