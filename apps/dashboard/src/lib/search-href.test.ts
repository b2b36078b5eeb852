import { describe, expect, it } from 'vitest';
import { parseFilters } from './filters.js';
import { searchHitHref, suggestionsUrl } from './search-href.js';

describe('searchHitHref', () => {
  it('opens a village under /desa and a region under /wilayah, keeping the view but not the scope', () => {
    const filters = parseFilters(new URLSearchParams('year=2023&lang=en&region=35.05'));
    expect(searchHitHref('35.05.04.2014', filters)).toBe('/desa/35.05.04.2014?year=2023&lang=en');
    expect(searchHitHref('35', filters)).toBe('/wilayah/35?year=2023&lang=en');
  });
});

describe('suggestionsUrl', () => {
  it('escapes what is typed', () => {
    expect(suggestionsUrl('kab blitar & co')).toBe('/cari/saran?q=kab%20blitar%20%26%20co');
  });
});
