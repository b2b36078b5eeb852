import { describe, expect, it } from 'vitest';
import { expectSvgSnapshot } from '../../../test/svg-snapshot.js';
import { stackedBarChart, type StackedBarChartOptions } from './stacked-bar-chart.js';

const base: StackedBarChartOptions = {
  id: 'theil',
  width: 640,
  title: 'Theil index',
  desc: 'Between and within',
  segments: ['Between provinces', 'Within provinces'],
  bars: [
    { key: '2020', label: '2020', values: [0.0004, 0.0031] },
    { key: '2021', label: '2021', values: [null, null] },
    { key: '2022', label: '2022', values: [0.0002, 0.0024] },
  ],
  format: (v) => v.toFixed(4),
  noDataMessage: 'No data',
};

describe('stackedBarChart', () => {
  it('stacks the parts, a missing year shows a dash', async () => {
    const svg = stackedBarChart(base);
    await expectSvgSnapshot('stacked-bar-chart', svg);
    expect(svg).toContain('>–<');
  });

  it('says there is no data', () => {
    expect(stackedBarChart({ ...base, bars: [] })).toContain('No data');
  });

  it('refuses a bar with the wrong number of parts or a negative part', () => {
    expect(() =>
      stackedBarChart({ ...base, bars: [{ key: 'x', label: 'X', values: [1] }] }),
    ).toThrow('invalid bar x: 1 values for 2 segments');
    expect(() =>
      stackedBarChart({ ...base, bars: [{ key: 'x', label: 'X', values: [1, -1] }] }),
    ).toThrow('invalid value in bar x: -1');
  });
});
