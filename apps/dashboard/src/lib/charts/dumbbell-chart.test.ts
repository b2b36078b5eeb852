import { describe, expect, it } from 'vitest';
import { expectSvgSnapshot } from '../../../test/svg-snapshot.js';
import { dumbbellChart, type DumbbellChartOptions } from './dumbbell-chart.js';

const base: DumbbellChartOptions = {
  id: 'districts',
  width: 640,
  title: 'Districts, 2021 to 2024',
  desc: 'Each district from 2021 to 2024.',
  rows: [
    { key: '35.05.01', label: 'Bakung', from: 3.3, to: 3.55, href: '/wilayah/35.05.01' },
    { key: '35.05.02', label: 'Wonotirto', from: 3.5, to: 3.45, against: true },
    { key: '35.05.03', label: 'Panggungrejo', from: null, to: 3.4 },
  ],
  format: (v) => v.toFixed(2),
  labels: { from: '2021', to: '2024', against: 'Against the trend' },
  noDataMessage: 'No data',
};

describe('dumbbellChart', () => {
  it('draws each row from one year to the other, the ones against the trend in the accent', async () => {
    const svg = dumbbellChart(base);
    await expectSvgSnapshot('dumbbell-chart', svg);
    expect(svg).toContain('<title>Bakung: 3.30 → 3.55 (+0.25)</title>');
    expect(svg).toContain('<title>Wonotirto: 3.50 → 3.45 (-0.05)</title>');
    expect(svg).toMatch(/class="row against" data-key="35\.05\.02"/);
    expect(svg).toContain('Against the trend');
    // A row with one year only: its one dot, no line.
    const panggung = svg.slice(svg.indexOf('data-key="35.05.03"'));
    expect(panggung.slice(0, panggung.indexOf('</g>'))).not.toContain('<line');
    expect(svg).toContain('href="/wilayah/35.05.01"');
  });

  it('says there is no data', () => {
    expect(
      dumbbellChart({ ...base, rows: [{ key: 'x', label: 'X', from: null, to: null }] }),
    ).toContain('No data');
  });
});
