import { describe, expect, it } from 'vitest';
import type { TimeseriesPoint } from '$lib/api-types.js';
import type { ComparedRegion } from './compare-page.js';
import { compareTable } from './compare-table.js';

function point(year: number, mean: number, complete = true): TimeseriesPoint {
  return {
    year,
    n: 100,
    mean,
    p10: mean - 0.3,
    p50: mean,
    p90: mean + 0.3,
    coverage: complete ? 1 : 0.01,
    complete,
  } as TimeseriesPoint;
}

function region(code: string, name: string, means: Record<number, number>): ComparedRegion {
  return {
    code,
    region: {
      code,
      name,
      level: 'regency',
      parentCode: '35',
      kind: null,
      ancestors: [],
      villages: 250,
      population: null,
      areaKm2: null,
      density: null,
    },
    series: Object.entries(means).map(([y, m]) => point(Number(y), m)),
    summary: null,
    convergence: null,
    coverage: null,
    impact: null,
  } as ComparedRegion;
}

describe('compareTable', () => {
  const blitar = region('35.05', 'Kabupaten Blitar', { 2020: 3.4, 2023: 3.5, 2024: 3.6 });
  const kediri = region('35.06', 'Kabupaten Kediri', { 2021: 3.3, 2023: 3.6, 2024: 3.55 });
  const rows = compareTable({
    lang: 'en',
    measure: 'skills_index',
    year: 2024,
    threshold: 3,
    regions: [blitar, kediri],
  });
  const cells = (key: string) => rows.find((r) => r.key === key)?.cells;

  it('gives one cell per region, in the comparison order', () => {
    for (const row of rows) expect(row.cells).toHaveLength(2);
    expect(cells('mean')).toEqual(['3.60', '3.55']);
    expect(cells('level')).toEqual(['Regency/city · 35.05', 'Regency/city · 35.06']);
  });

  it('measures both changes from the same years for every region', () => {
    expect(cells('change-previous')).toEqual(['+0.10', '-0.05']);
    // The first complete year of any region is 2020: Kediri has none then, so no change.
    expect(rows.find((r) => r.key === 'change-first')?.label).toBe('Change since 2020');
    expect(cells('change-first')).toEqual(['+0.20', '–']);
  });

  it('shows the dash, never 0, for a figure the data cannot give', () => {
    for (const key of ['gini', 'theil', 'cv', 'share-below', 'gini-trend', 'half-life', 'impact'])
      expect(cells(key), key).toEqual(['–', '–']);
  });
});
