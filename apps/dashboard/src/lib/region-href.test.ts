import { describe, expect, it } from 'vitest';
import { parseFilters } from './filters.js';
import { regionHref, regionPath } from './region-href.js';

describe('regionPath', () => {
  it('sends villages to /desa and every other level to /wilayah', () => {
    for (const [code, path] of [
      ['35', '/wilayah/35'],
      ['35.05', '/wilayah/35.05'],
      ['35.05.04', '/wilayah/35.05.04'],
      ['35.05.04.2014', '/desa/35.05.04.2014'],
      ['35.78.01.1001', '/desa/35.78.01.1001'],
    ]) {
      expect(regionPath(code as string)).toBe(path);
    }
  });
});

describe('regionHref', () => {
  const filters = parseFilters(
    new URLSearchParams('region=35.05&year=2023&pillar=digital_safety&map=iptik&lang=en'),
  );

  it('keeps the language and filters, and drops the region the path now names', () => {
    expect(regionHref('35.05.04', filters)).toBe(
      '/wilayah/35.05.04?year=2023&pillar=digital_safety&map=iptik&lang=en',
    );
    expect(regionHref('35.05.04.2014', filters)).toBe(
      '/desa/35.05.04.2014?year=2023&pillar=digital_safety&map=iptik&lang=en',
    );
    expect(regionHref('35', filters, { map: 'village' })).toBe(
      '/wilayah/35?year=2023&pillar=digital_safety&lang=en',
    );
    // A change cannot put the region back.
    expect(regionHref('35', filters, { region: '35.05' }, ['region', 'lang'])).toBe(
      '/wilayah/35?lang=en',
    );
    expect(regionHref('35', filters, {}, ['year', 'lang'])).toBe('/wilayah/35?year=2023&lang=en');
    expect(regionHref('35', parseFilters(new URLSearchParams()))).toBe('/wilayah/35');
  });
});
