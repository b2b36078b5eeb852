import { describe, expect, it } from 'vitest';
import { expectSvgSnapshot } from '../../../test/svg-snapshot.js';
import { histogram, type HistogramOptions } from './histogram.js';

const base: HistogramOptions = {
  id: 'dist',
  width: 640,
  height: 240,
  title: 'Distribution',
  desc: 'Histogram',
  bins: [
    { x0: 2.75, x1: 3, count: 4 },
    { x0: 3, x1: 3.25, count: 20 },
    { x0: 3.25, x1: 3.5, count: 61 },
    { x0: 3.5, x1: 3.75, count: 90 },
    { x0: 3.75, x1: 4, count: 55 },
    { x0: 4, x1: 4.25, count: 12 },
  ],
  threshold: { value: 3, label: 'Threshold 3' },
  formatX: (v) => v.toFixed(2),
  formatCount: (c) => String(Math.round(c)),
  xLabel: 'Skills index',
  yLabel: 'Villages',
  noDataMessage: 'No data',
};

describe('histogram', () => {
  it('ticks whole villages only: a district with 2 villages a bin reads 0 1 2, not 0 1 1 2 2', () => {
    const svg = histogram({
      ...base,
      bins: [
        { x0: 3, x1: 3.05, count: 1 },
        { x0: 3.05, x1: 3.1, count: 2 },
        { x0: 3.1, x1: 3.15, count: 0 },
      ],
    });
    const axis = svg.slice(svg.indexOf('class="axis axis-y"'), svg.indexOf('class="axis axis-x"'));
    const labels = [...axis.matchAll(/>(\d+)<\/text>/g)].map((m) => m[1]);
    expect(labels).toEqual(['0', '1', '2']);
  });

  it('draws bins, the ones below the threshold in the accent colour', async () => {
    const svg = histogram(base);
    await expectSvgSnapshot('histogram', svg);
    expect(svg.match(/fill="#C85200"/g)).toHaveLength(1);
  });

  it('links each bin when it can be selected, outlining the selected range', async () => {
    const svg = histogram({
      ...base,
      selectedWord: 'selected',
      bins: base.bins.map((b) => ({
        ...b,
        href: `/?rentang=${b.x0}-${b.x1}`,
        selected: b.x0 >= 3.5,
      })),
    });
    await expectSvgSnapshot('histogram-selected', svg);
    expect(svg.match(/<a /g)).toHaveLength(6);
    expect(svg).toContain('aria-label="3.50–3.75: 90 (selected)"');
    expect(svg.match(/data-selected="true"/g)).toHaveLength(3);
    expect(svg.match(/fill-opacity="0.35"/g)).toHaveLength(3);
    expect(svg).toContain('role="group"');
    expect(histogram(base)).not.toContain('<a ');
  });

  it('draws one bin (one village)', () => {
    expect(histogram({ ...base, bins: [{ x0: 3.5, x1: 3.6, count: 1 }] })).not.toContain('NaN');
  });

  it('says there is no data', () => {
    expect(histogram({ ...base, bins: [] })).toContain('No data');
    expect(histogram({ ...base, bins: [{ x0: 1, x1: 2, count: 0 }] })).toContain('No data');
  });

  it('refuses an empty bin range', () => {
    expect(() => histogram({ ...base, bins: [{ x0: 2, x1: 2, count: 1 }] })).toThrow(
      'invalid bin: [2, 2) count 1',
    );
  });
});
