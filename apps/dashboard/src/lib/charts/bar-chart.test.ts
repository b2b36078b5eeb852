import { describe, expect, it } from 'vitest';
import { expectSvgSnapshot } from '../../../test/svg-snapshot.js';
import { barChart, type BarChartOptions } from './bar-chart.js';

// The published ILD 2021 top and bottom provinces (reference/ild-province-2021.csv).
const base: BarChartOptions = {
  id: 'ranking',
  width: 640,
  title: 'Provinces ranked',
  desc: 'Ranking',
  bars: [
    { key: '34', label: 'DI Yogyakarta', value: 3.71, href: '/wilayah/34' },
    { key: '35', label: 'Jawa Timur', value: 3.5, href: '/wilayah/35', highlight: true },
    { key: '91', label: 'Papua', value: null, href: '/wilayah/91' },
    { key: '82', label: 'Maluku Utara', value: 3.18, href: '/wilayah/82' },
  ],
  domain: [1, 5],
  threshold: { value: 3, label: 'Threshold' },
  format: (v) => v.toFixed(2),
  noDataMessage: 'No data',
};

describe('barChart', () => {
  it('ranks regions as links, keeps the one without data, marks the threshold', async () => {
    const svg = barChart(base);
    await expectSvgSnapshot('bar-chart', svg);
    expect(svg.match(/<a /g)).toHaveLength(4);
    expect(svg).toContain('aria-label="Papua: –"');
  });

  it('truncates long labels at 360 px and keeps the full name in the tooltip', async () => {
    const svg = barChart({
      ...base,
      width: 360,
      bars: [{ key: '53', label: 'Nusa Tenggara Timur dan sekitarnya', value: 3.2 }],
    });
    await expectSvgSnapshot('bar-chart-narrow', svg);
    expect(svg).toContain('…');
    expect(svg).toContain('<title>Nusa Tenggara Timur dan sekitarnya: 3.20</title>');
    // The cut label itself carries the full name.
    expect(svg).toMatch(/…<title>Nusa Tenggara Timur dan sekitarnya<\/title><\/text>/);
  });

  it('abbreviates Kabupaten before cutting a name, and says the full name', () => {
    const svg = barChart({
      ...base,
      width: 360,
      bars: [
        { key: '35.04', label: 'Kabupaten Tulungagung', value: 3.2 },
        { key: '35.05', label: 'Kabupaten Blitar', value: 3.3 },
        { key: '35.78', label: 'Kota Surabaya', value: 3.9 },
      ],
    });
    expect(svg).toContain('>Kab. Tulungagung<title>Kabupaten Tulungagung</title></text>');
    expect(svg).not.toContain('Tulungagu…');
    // A name that fits stays whole, with no extra title.
    expect(svg).toContain('>Kota Surabaya</text>');
  });

  it('draws negative changes to the left of zero', () => {
    const svg = barChart({
      ...base,
      domain: undefined,
      threshold: undefined,
      bars: [
        { key: 'a', label: 'A', value: -0.2 },
        { key: 'b', label: 'B', value: 0.1 },
      ],
    });
    expect(svg).not.toContain('NaN');
  });

  it('outlines selected bars, fades the rest, and keeps each bar’s page for a double click', async () => {
    const svg = barChart({
      ...base,
      selectedWord: 'selected',
      bars: base.bars.map((b) => ({
        ...b,
        href: `/?pilih=${b.key}`,
        drill: `/wilayah/${b.key}`,
        selected: b.key === '82',
      })),
    });
    await expectSvgSnapshot('bar-chart-selected', svg);
    expect(svg).toContain('aria-label="Maluku Utara: 3.18 (selected)"');
    expect(svg).toContain('data-drill="/wilayah/82"');
    expect(svg).toContain('data-sveltekit-keepfocus');
    // The three others are faded; the selected one is not.
    expect(svg.match(/fill-opacity="0.35"/g)).toHaveLength(2); // Papua has no bar to fade
    expect(svg.match(/data-selected="true"/g)).toHaveLength(1);
    expect(barChart(base)).not.toContain('fill-opacity');
  });

  it('says there is no data', () => {
    expect(barChart({ ...base, bars: [] })).toContain('No data');
    expect(barChart({ ...base, bars: [{ key: 'a', label: 'A', value: null }] })).toContain(
      'No data',
    );
  });
});
