import { describe, expect, it } from 'vitest';
import type { ChildrenInRange, Distribution } from './api-types.js';
import { NO_SELECTION, type CrossFilterData } from './cross-filter.js';
import { parseFilters } from './filters.js';
import { selectionLinks } from './selection-links.js';
import { selectionView } from './selection-view.js';

const distribution = {
  bins: [
    { x0: 2.5, x1: 3, count: 4 },
    { x0: 3, x1: 3.5, count: 9 },
  ],
} as Distribution;
const inRange = {
  year: 2024,
  children: [
    { code: '35.01', name: 'Pacitan', villages: 171, inRange: 2 },
    { code: '35.05', name: 'Blitar', villages: 248, inRange: 7 },
  ],
} as ChildrenInRange;

function view(cross: CrossFilterData) {
  const filters = parseFilters(new URLSearchParams());
  return selectionView({
    links: selectionLinks('/wilayah/35', filters, cross.selection),
    cross,
    distribution,
    series: [],
    scope: 'Jawa Timur',
    lang: 'en',
    format: (v) => v.toFixed(2),
  });
}

describe('selectionView', () => {
  it('makes every bin a link that selects, and ranks the children by their villages in the range', () => {
    const v = view({
      active: true,
      selection: { codes: ['35.05'], range: { from: 2.5, to: 3 } },
      selected: [{ code: '35.05', name: 'Blitar', points: [], lorenz: null }],
      inRange,
    });
    expect(v.bins.map((b) => [b.href, b.selected])).toEqual([
      ['/wilayah/35?pilih=35.05', true],
      ['/wilayah/35?pilih=35.05&rentang=2.5-3.5', false],
    ]);
    expect(v.inRangeBars?.map((b) => [b.key, b.value, b.selected])).toEqual([
      ['35.05', 7, true],
      ['35.01', 2, false],
    ]);
    expect(v.items).toEqual([
      {
        code: '35.05',
        name: 'Blitar',
        drill: '/wilayah/35.05',
        remove: '/wilayah/35?rentang=2.5-3',
      },
    ]);
    expect(v.range?.label).toBe('Villages valued 2.50–3.00');
    // A child without a Lorenz curve draws no line in the gap view.
    expect(v.lorenz).toEqual([]);
  });

  it('draws plain bins while the cross-filter is off', () => {
    const v = view({ active: false, selection: NO_SELECTION, selected: [], inRange: null });
    expect(v.bins.every((b) => b.href === undefined)).toBe(true);
    expect(v.inRangeBars).toBeNull();
    expect(v.series.map((s) => s.label)).toEqual(['Jawa Timur']);
  });
});
