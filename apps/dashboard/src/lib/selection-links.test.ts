import { describe, expect, it } from 'vitest';
import { parseFilters } from './filters.js';
import { selectionLinks } from './selection-links.js';

describe('selectionLinks', () => {
  const filters = parseFilters(new URLSearchParams('pillar=access_index&banding=2021'));
  const links = selectionLinks('/wilayah/35', filters, {
    codes: ['35.05'],
    range: { from: 40, to: 50 },
  });

  it('toggles a child, keeping the filters and the range', () => {
    expect(links.toggle('35.06')).toBe(
      '/wilayah/35?pillar=access_index&banding=2021&pilih=35.05,35.06&rentang=40-50',
    );
    expect(links.toggle('35.05')).toBe(
      '/wilayah/35?pillar=access_index&banding=2021&rentang=40-50',
    );
    expect(links.isSelected('35.05')).toBe(true);
    expect(links.isSelected('35.06')).toBe(false);
  });

  it('drills down without the selection', () => {
    expect(links.drill('35.05')).toBe('/wilayah/35.05?pillar=access_index&banding=2021');
  });

  it('clicks bins by the range rules, and clears', () => {
    expect(links.bin({ x0: 50, x1: 60 })).toContain('rentang=40-60');
    expect(links.binSelected({ x0: 40, x1: 50 })).toBe(true);
    expect(links.binSelected({ x0: 50, x1: 60 })).toBe(false);
    expect(links.removeRange).toBe('/wilayah/35?pillar=access_index&banding=2021&pilih=35.05');
    expect(links.remove('35.05')).toBe(
      '/wilayah/35?pillar=access_index&banding=2021&rentang=40-50',
    );
    expect(links.clear).toBe('/wilayah/35?pillar=access_index&banding=2021');
  });
});
