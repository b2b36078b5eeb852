import { describe, expect, it } from 'vitest';
import { MEASURE_SCALES, SECTORS, SKILL_PILLARS } from '@pandu/domain';
import {
  KINDS,
  MEASURES,
  PILLARS,
  SCALES,
  SECTOR_CODES,
  effectiveThreshold,
  thresholdOffScale,
  effectiveYear,
  filterHref,
  filterQuery,
  parseFilters,
  type Filters,
} from './filters.js';

const defaults = parseFilters(new URLSearchParams());

describe('the lists written here', () => {
  it('are the domain vocabulary, in the same order', () => {
    // MEASURES and KINDS are the domain's own lists (not copies): these are known answers.
    expect(MEASURES).toEqual([
      'skills_index',
      'skills_index_geometric',
      'access_index',
      'outcomes_index',
      'digital_skills',
      'digital_ethics',
      'digital_safety',
      'digital_culture',
    ]);
    expect(PILLARS).toEqual(SKILL_PILLARS);
    expect(SECTOR_CODES).toEqual(SECTORS.map((s) => s.code));
    expect(KINDS).toEqual(['all', 'kelurahan', 'desa', 'desa_adat']);
    for (const m of MEASURES) {
      expect(SCALES[m], m).toEqual({
        min: MEASURE_SCALES[m].min,
        max: MEASURE_SCALES[m].max,
        threshold: MEASURE_SCALES[m].defaultThreshold,
      });
    }
  });
});

describe('parseFilters', () => {
  it('gives the defaults for an empty query', () => {
    expect(defaults).toEqual({
      lang: 'id',
      year: null,
      pillar: 'skills_index',
      kind: 'all',
      threshold: null,
      sector: null,
      region: null,
      map: 'village',
      weight: 'village',
      compare: null,
    });
  });

  it('reads every filter', () => {
    const params = new URLSearchParams(
      'region=35.05&year=2023&pillar=digital_safety&kind=desa&threshold=3.2&sector=umkm&map=iptik&bobot=penduduk&banding=2021&lang=en',
    );
    expect(parseFilters(params)).toEqual({
      lang: 'en',
      year: 2023,
      pillar: 'digital_safety',
      kind: 'desa',
      threshold: 3.2,
      sector: 'umkm',
      region: '35.05',
      map: 'iptik',
      weight: 'people',
      compare: 2021,
    });
  });

  it.each([
    ['year=20x3', { year: null }],
    ['year=1999', { year: null }],
    ['year=2023.5', { year: null }],
    ['pillar=happiness', { pillar: 'skills_index' }],
    ['kind=city', { kind: 'all' }],
    ['threshold=', { threshold: null }],
    ['threshold=abc', { threshold: null }],
    ['sector=kesehatan', { sector: null }],
    ['region=35-05', { region: null }],
    ['region=35.5', { region: null }],
    ['lang=fr', { lang: 'id' }],
    ['map=ild', { map: 'village' }],
    ['map=IPTIK', { map: 'village' }],
    ['map=', { map: 'village' }],
    ['bobot=orang', { weight: 'village' }],
    ['bobot=people', { weight: 'village' }],
    ['bobot=desa', { weight: 'village' }],
    ['banding=', { compare: null }],
    ['banding=dulu', { compare: null }],
    ['banding=1999', { compare: null }],
  ])('falls back to the default for %s', (query, expected) => {
    expect(parseFilters(new URLSearchParams(query))).toEqual({ ...defaults, ...expected });
  });
});

describe('the weight in the URL (bobot)', () => {
  it('writes people as bobot=penduduk, before lang, and leaves the default out', () => {
    expect(filterQuery({ ...defaults, weight: 'people', lang: 'en' })).toBe(
      '?bobot=penduduk&lang=en',
    );
    expect(filterQuery({ ...defaults, weight: 'village' })).toBe('');
    const back = parseFilters(new URLSearchParams(filterQuery({ ...defaults, weight: 'people' })));
    expect(back.weight).toBe('people');
  });
});

describe('filterQuery and filterHref', () => {
  it('leave defaults out, so one view has one URL', () => {
    expect(filterQuery(defaults)).toBe('');
    expect(filterHref('/kesenjangan', defaults, { year: 2023, lang: 'en' })).toBe(
      '/kesenjangan?year=2023&lang=en',
    );
    expect(filterHref('/', { ...defaults, pillar: 'skills_index', kind: 'all' })).toBe('/');
    expect(filterHref('/', { ...defaults, map: 'village' })).toBe('/');
    expect(filterHref('/', defaults, { map: 'iptik', lang: 'en' })).toBe('/?map=iptik&lang=en');
    expect(filterHref('/', { ...defaults, map: 'iptik', year: 2023 }, { map: 'village' })).toBe(
      '/?year=2023',
    );
  });

  it('round-trip through parseFilters', () => {
    const filters: Filters = {
      lang: 'en',
      year: 2022,
      pillar: 'access_index',
      kind: 'kelurahan',
      threshold: 40,
      sector: 'desa_wisata_digital',
      region: '35.05.04',
      map: 'iptik',
      weight: 'people',
      compare: 2020,
    };
    const query = filterQuery(filters);
    expect(parseFilters(new URLSearchParams(query.slice(1)))).toEqual(filters);
  });

  it('keep only the parameters asked for', () => {
    const filters = { ...defaults, region: '35', year: 2021, lang: 'en' as const };
    expect(filterHref('/wilayah/35', filters, {}, ['year', 'lang'])).toBe(
      '/wilayah/35?year=2021&lang=en',
    );
  });
});

describe('effectiveYear and effectiveThreshold', () => {
  it('use the chosen year when the data has it, else the latest', () => {
    expect(effectiveYear({ ...defaults, year: 2022 }, [2020, 2021, 2022, 2023])).toBe(2022);
    // No year chosen (or one the data lack): the fallback, the dataset's latest complete year.
    expect(effectiveYear(defaults, [2024, 2025, 2027], 2025)).toBe(2025);
    expect(effectiveYear({ ...defaults, year: 2019 }, [2024, 2025, 2027], 2025)).toBe(2025);
    // A partial year stays selectable.
    expect(effectiveYear({ ...defaults, year: 2027 }, [2024, 2025, 2027], 2025)).toBe(2027);
    expect(effectiveYear({ ...defaults, year: 2019 }, [2020, 2021])).toBe(2021);
    expect(effectiveYear(defaults, [])).toBeNull();
  });

  it("use the chosen threshold, else the measure's default", () => {
    expect(effectiveThreshold(defaults)).toBe(3);
    expect(effectiveThreshold({ ...defaults, pillar: 'access_index' })).toBe(50);
    expect(effectiveThreshold({ ...defaults, threshold: 3.5 })).toBe(3.5);
  });

  it("refuse a threshold off the measure's scale for the default, and say it is off (issue 11)", () => {
    expect(thresholdOffScale({ ...defaults, threshold: 9 })).toBe(true);
    expect(effectiveThreshold({ ...defaults, threshold: 9 })).toBe(3);
    // 9 is on the access index's 0-100 scale, 0.5 is not on the skills index's 1-5.
    expect(thresholdOffScale({ ...defaults, pillar: 'access_index', threshold: 9 })).toBe(false);
    expect(effectiveThreshold({ ...defaults, pillar: 'access_index', threshold: 9 })).toBe(9);
    expect(effectiveThreshold({ ...defaults, threshold: 0.5 })).toBe(3);
    expect(thresholdOffScale(defaults)).toBe(false);
  });
});
