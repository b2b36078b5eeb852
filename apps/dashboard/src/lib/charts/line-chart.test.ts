import { describe, expect, it } from 'vitest';
import { expectSvgSnapshot } from '../../../test/svg-snapshot.js';
import { lineChart, type LineChartOptions } from './line-chart.js';

// National ILD 2020-2023 (reference/ild-national.csv) and two pillars, as the nation page draws them.
const base: LineChartOptions = {
  id: 'trend',
  width: 640,
  height: 300,
  title: 'Digital skills index',
  desc: 'Index by pillar, 2020 to 2023.',
  series: [
    {
      key: 'skills_index',
      label: 'Index',
      emphasis: true,
      points: [
        { x: 2020, y: 3.46 },
        { x: 2021, y: 3.49 },
        { x: 2022, y: 3.54 },
        { x: 2023, y: 3.65 },
      ],
    },
    {
      key: 'digital_skills',
      label: 'Digital skills',
      points: [
        { x: 2020, y: 3.34 },
        { x: 2021, y: 3.44 },
        { x: 2022, y: 3.52 },
        { x: 2023, y: 3.6 },
      ],
    },
    {
      key: 'digital_safety',
      label: 'Digital safety',
      points: [
        { x: 2020, y: 3.1 },
        { x: 2021, y: 3.1 },
        { x: 2022, y: 3.12 },
        { x: 2023, y: 3.27 },
      ],
    },
  ],
  band: {
    label: 'p10-p90',
    points: [
      { x: 2020, y0: 3.2, y1: 3.7 },
      { x: 2021, y0: 3.25, y1: 3.72 },
      { x: 2022, y0: 3.3, y1: 3.76 },
      { x: 2023, y0: 3.4, y1: 3.85 },
    ],
  },
  threshold: { value: 3, label: 'Threshold 3' },
  yClamp: [1, 5],
  formatY: (v) => v.toFixed(2),
  noDataMessage: 'No data',
};

describe('lineChart', () => {
  it('draws a thin series over the emphasised one, so a median on its mean stays visible', () => {
    const points = [
      { x: 2020, y: 3.5 },
      { x: 2021, y: 3.52 },
    ];
    const svg = lineChart({
      ...base,
      band: undefined,
      series: [
        { key: 'mean', label: 'Mean', emphasis: true, points },
        { key: 'median', label: 'Median', points },
      ],
    });
    const mean = svg.indexOf('data-key="mean"');
    const median = svg.indexOf('data-key="median"');
    expect(mean).toBeGreaterThan(0);
    expect(median).toBeGreaterThan(mean);
  });

  it('draws pillars over the years with band and threshold', async () => {
    await expectSvgSnapshot('line-chart-pillars', lineChart(base));
  });

  it('fits 360 px: the legend wraps and the plot stays', async () => {
    await expectSvgSnapshot('line-chart-narrow', lineChart({ ...base, width: 360 }));
  });

  it('breaks the line at a missing year instead of bridging it', async () => {
    const svg = lineChart({
      ...base,
      band: undefined,
      series: [
        {
          key: 'v',
          label: 'Village',
          points: [
            { x: 2020, y: 3.1 },
            { x: 2021, y: null },
            { x: 2022, y: 3.3 },
            { x: 2023, y: 3.4 },
          ],
        },
      ],
    });
    await expectSvgSnapshot('line-chart-missing-year', svg);
    // Two runs: 2020 alone (a dot, no segment) and 2022-2023 (one segment).
    const d = /<path d="([^"]+)" fill="none"/.exec(svg)?.[1] ?? '';
    expect(d.match(/M/g)).toHaveLength(1);
    expect(svg.match(/<circle/g)).toHaveLength(3);
  });

  // Issue 10: one village's values imported for 2027 were joined to the national line as if 2027
  // were a year like the others.
  it('regression: a partial year is an open marker on a dotted segment, never on the line', async () => {
    const svg = lineChart({
      ...base,
      band: undefined,
      partialLabel: 'Partial year',
      series: [
        {
          key: 'v',
          label: 'Index',
          points: [
            { x: 2024, y: 3.7 },
            { x: 2025, y: 3.75 },
            { x: 2027, y: 3.5, partial: true },
          ],
        },
      ],
    });
    await expectSvgSnapshot('line-chart-partial-year', svg);
    // The series' line ends at 2025: one segment, two points.
    const line = /<path d="([^"]+)" fill="none" stroke="#0072B2" stroke-width="2"/.exec(svg)?.[1];
    expect(line?.match(/[ML]/g)).toEqual(['M', 'L']);
    // 2025 to 2027 is the dotted segment, and 2027 an open marker named partial.
    const dotted = /<path class="partial-segment" d="([^"]+)"[^>]*stroke-dasharray="1 3"/.exec(svg);
    expect(dotted?.[1]?.match(/[ML]/g)).toEqual(['M', 'L']);
    expect(svg.match(/<circle class="partial"[^>]*fill="#ffffff"/g)).toHaveLength(1);
    expect(svg).toContain('<title>Index, 2027 (Partial year): 3.50</title>');
    // ...and the legend says what the open marker means.
    expect(svg).toMatch(/class="legend".*Partial year/);
    // Without the partial flag the same points are one line of three.
    const joined = lineChart({
      ...base,
      band: undefined,
      series: [
        {
          key: 'v',
          label: 'Index',
          points: [
            { x: 2024, y: 3.7 },
            { x: 2025, y: 3.75 },
            { x: 2027, y: 3.5 },
          ],
        },
      ],
    });
    expect(joined).not.toContain('partial');
  });

  it('a partial year between complete ones breaks the line on both sides', () => {
    const svg = lineChart({
      ...base,
      band: undefined,
      partialLabel: 'Partial',
      series: [
        {
          key: 'v',
          label: 'V',
          points: [
            { x: 2020, y: 3.1 },
            { x: 2021, y: 3.2 },
            { x: 2022, y: 3.9, partial: true },
            { x: 2023, y: 3.3 },
            { x: 2024, y: 3.4 },
          ],
        },
      ],
    });
    const line = /<path d="([^"]+)" fill="none" stroke="#0072B2"/.exec(svg)?.[1] ?? '';
    expect(line.match(/M/g)).toHaveLength(2);
    const dotted = /<path class="partial-segment" d="([^"]+)"/.exec(svg)?.[1] ?? '';
    expect(dotted.match(/M/g)).toHaveLength(2);
  });

  it('refuses partial points without a label for them', () => {
    expect(() =>
      lineChart({
        ...base,
        series: [{ key: 'a', label: 'A', points: [{ x: 2020, y: 3, partial: true }] }],
      }),
    ).toThrow('partial points need a partialLabel');
  });

  it('shades and labels the extrapolated years', async () => {
    const svg = lineChart({
      ...base,
      band: undefined,
      extrapolated: { years: [2023], label: 'Extrapolated' },
    });
    await expectSvgSnapshot('line-chart-extrapolated', svg);
    expect(svg).toMatch(
      /<g class="extrapolated" data-years="2023"><rect [^>]+\/><text[^>]*>Extrapolated<\/text><\/g>/,
    );
    // An imported year after the extrapolated ones is outside the zone (issue 10's 2027).
    const imported = lineChart({
      ...base,
      band: undefined,
      partialLabel: 'Partial',
      extrapolated: { years: [2024, 2025], label: 'Extrapolated' },
      series: [
        {
          key: 'v',
          label: 'V',
          points: [
            { x: 2023, y: 3.6 },
            { x: 2024, y: 3.7 },
            { x: 2025, y: 3.75 },
            { x: 2027, y: 3.5, partial: true },
          ],
        },
      ],
    });
    const zone = /<g class="extrapolated"[^>]*><rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)"/.exec(
      imported,
    );
    const partialX = Number(/<circle class="partial" cx="([\d.]+)"/.exec(imported)?.[1]);
    expect(Number(zone?.[1]) + Number(zone?.[2])).toBeLessThan(partialX);
    // Nothing to shade when no extrapolated year is drawn.
    expect(
      lineChart({ ...base, extrapolated: { years: [2030], label: 'Extrapolated' } }),
    ).not.toContain('class="extrapolated"');
  });

  it('shows one year as a dot', () => {
    const svg = lineChart({
      ...base,
      band: undefined,
      threshold: undefined,
      series: [{ key: 'a', label: 'A', points: [{ x: 2024, y: 3.5 }] }],
    });
    expect(svg).toContain('<circle');
    expect(svg).not.toContain('fill="none" stroke="#0072B2"');
  });

  it('says there is no data rather than drawing empty axes', async () => {
    const svg = lineChart({
      ...base,
      band: undefined,
      series: [{ key: 'a', label: 'A', points: [{ x: 2020, y: null }] }],
    });
    expect(svg).toContain('No data');
    expect(svg).not.toContain('class="axis');
    await expectSvgSnapshot(
      'line-chart-empty',
      lineChart({ ...base, band: undefined, series: [] }),
    );
  });

  it('carries its title and description for assistive technology', () => {
    const svg = lineChart(base);
    expect(svg).toMatch(
      /^<svg[^>]+role="img"[^>]+aria-labelledby="trend-title"[^>]+aria-describedby="trend-desc"/,
    );
    expect(svg).toContain('<title id="trend-title">Digital skills index</title>');
  });

  it('escapes labels', () => {
    const svg = lineChart({
      ...base,
      series: [{ key: 'a', label: 'A <b> & "c"', points: [{ x: 2020, y: 3 }] }],
    });
    expect(svg).toContain('A &lt;b&gt; &amp; &quot;c&quot;');
  });

  it.each([
    [{ width: 50 }, 'invalid width: 50'],
    [{ height: Number.NaN }, 'invalid height: NaN'],
    [{ id: 'Bad id' }, 'invalid chart id: Bad id'],
  ])('refuses %j', (change, message) => {
    expect(() => lineChart({ ...base, ...change })).toThrow(message);
  });
});
