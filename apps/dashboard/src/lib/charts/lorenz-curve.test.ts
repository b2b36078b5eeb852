import { describe, expect, it } from 'vitest';
import { expectSvgSnapshot } from '../../../test/svg-snapshot.js';
import { lorenzCurve, type LorenzCurveOptions } from './lorenz-curve.js';

// Five villages valued 1, 2, 3, 4, 10 (total 20): cumulative shares 0.05, 0.15, 0.3, 0.5, 1; Gini 0.4.
const base: LorenzCurveOptions = {
  id: 'lorenz',
  width: 480,
  title: 'Lorenz curve',
  desc: 'Lorenz curve of five villages.',
  points: [0, 0.05, 0.15, 0.3, 0.5, 1].map((valueShare, i) => ({
    populationShare: i / 5,
    valueShare,
  })),
  gini: 0.4,
  formatPercent: (s) => `${Math.round(s * 100)}%`,
  formatGini: (g) => g.toFixed(3),
  labels: {
    curve: 'Lorenz curve',
    equality: 'Perfect equality',
    x: 'Share of villages',
    y: 'Share of value',
    gini: 'Gini',
  },
  noDataMessage: 'No data',
};

describe('lorenzCurve', () => {
  it('draws the curve, the diagonal and the Gini', async () => {
    const svg = lorenzCurve(base);
    await expectSvgSnapshot('lorenz-curve', svg);
    expect(svg).toContain('Gini 0.400');
  });

  it('draws one region (two points: perfect equality) without a hole', () => {
    const svg = lorenzCurve({
      ...base,
      points: [
        { populationShare: 0, valueShare: 0 },
        { populationShare: 1, valueShare: 1 },
      ],
      gini: 0,
    });
    expect(svg).toContain('class="lorenz"');
    expect(svg).toContain('Gini 0.000');
  });

  it('says there is no data', () => {
    expect(lorenzCurve({ ...base, points: [], gini: null })).toContain('No data');
  });

  it('refuses a share outside [0, 1]', () => {
    expect(() =>
      lorenzCurve({ ...base, points: [{ populationShare: 0, valueShare: 1.2 }] }),
    ).toThrow('invalid Lorenz point: (0, 1.2)');
  });
});
