import { describe, expect, it } from 'vitest';
import type { PublishedFigure, RegionIndexRow } from '$lib/api-types.js';
import { mergeChildren, publishedMap } from './national-page.js';

const jatim: RegionIndexRow = {
  code: '35',
  name: 'Jawa Timur',
  level: 'province',
  villages: 8398,
  missing: 96,
  value: 3.72,
  change: 0.05,
  digitalSkills: null,
  digitalEthics: null,
  digitalSafety: null,
  digitalCulture: null,
  skillsIndex: 3.72,
  skillsIndexGeometric: null,
  accessIndex: null,
  outcomesIndex: null,
};

describe('mergeChildren', () => {
  it('keeps every child, with nulls where the index has no row', () => {
    const merged = mergeChildren(
      [
        { code: '33', name: 'Jawa Tengah', villages: 8563 },
        { code: '35', name: 'Jawa Timur', villages: 8494 },
      ],
      [jatim],
    );
    expect(merged).toEqual([
      { code: '33', name: 'Jawa Tengah', value: null, change: null, villages: 0, missing: 8563 },
      { code: '35', name: 'Jawa Timur', value: 3.72, change: 0.05, villages: 8398, missing: 96 },
    ]);
  });

  it('still shows an index row the children list lacks', () => {
    expect(mergeChildren([], [jatim]).map((p) => p.code)).toEqual(['35']);
  });
});

function iptik(
  regionCode: string | null,
  value: number,
  changes: Partial<PublishedFigure> = {},
): PublishedFigure {
  return {
    dataset: 'iptik',
    regionCode,
    year: 2024,
    measure: 'index',
    value,
    note: null,
    citation: 'BPS IP-TIK 2024 via databoks.katadata.co.id',
    source: 'published',
    ...changes,
  };
}

describe('publishedMap', () => {
  // As in the browser tests' database: two provinces in the region list, IP-TIK for all 34.
  const children = [
    { code: '33', name: 'Jawa Tengah', villages: 8563 },
    { code: '35', name: 'Jawa Timur', villages: 8494 },
  ];

  it("gives each province its figure and the 2022 split provinces their parent's, marked", () => {
    const map = publishedMap(children, [
      iptik('31', 7.88),
      iptik('35', 6.07),
      iptik('91', 3.56, { note: 'pre-2022 borders' }),
      iptik('92', 5.61, { note: 'pre-2022 borders' }),
    ]);
    expect(map.dataset).toBe('iptik');
    expect(map.year).toBe(2024);
    expect(map.citations).toEqual(['BPS IP-TIK 2024 via databoks.katadata.co.id']);
    expect(map.provinces).toEqual([
      { code: '31', name: null, value: 7.88, figureOf: null },
      { code: '33', name: 'Jawa Tengah', value: null, figureOf: null },
      { code: '35', name: 'Jawa Timur', value: 6.07, figureOf: null },
      { code: '91', name: null, value: 3.56, figureOf: null },
      { code: '92', name: null, value: 5.61, figureOf: null },
      // Papua Selatan, Papua Tengah, Papua Pegunungan from Papua; Papua Barat Daya from Papua Barat.
      { code: '93', name: null, value: 3.56, figureOf: { code: '91', name: null } },
      { code: '94', name: null, value: 3.56, figureOf: { code: '91', name: null } },
      { code: '95', name: null, value: 3.56, figureOf: { code: '91', name: null } },
      { code: '96', name: null, value: 5.61, figureOf: { code: '92', name: null } },
    ]);
  });

  it('names the parent province when the region list has it', () => {
    const map = publishedMap(
      [
        { code: '91', name: 'Papua' },
        { code: '93', name: 'Papua Selatan' },
      ],
      [iptik('91', 3.56)],
    );
    expect(map.provinces.find((p) => p.code === '93')).toEqual({
      code: '93',
      name: 'Papua Selatan',
      value: 3.56,
      figureOf: { code: '91', name: 'Papua' },
    });
  });

  it('keeps a split province without a figure when its parent has none', () => {
    const map = publishedMap(children, [iptik('91', 3.56)]);
    expect(map.provinces.find((p) => p.code === '96')).toEqual({
      code: '96',
      name: null,
      value: null,
      figureOf: { code: '92', name: null },
    });
  });

  it('ignores national figures and other datasets, years and measures', () => {
    const map = publishedMap(children, [
      iptik(null, 5.9),
      iptik('35', 3.5, { dataset: 'ild', year: 2021 }),
      iptik('35', 5.93, { year: 2023 }),
      iptik('35', 7.1, { measure: 'access_infrastructure' }),
      iptik('33', 5.8, { citation: 'another report' }),
    ]);
    expect(map.provinces.find((p) => p.code === '35')?.value).toBeNull();
    expect(map.provinces.find((p) => p.code === '33')?.value).toBe(5.8);
    expect(map.citations).toEqual(['another report']);
    expect(map.provinces.map((p) => p.code)).toEqual(['33', '35', '93', '94', '95', '96']);
  });

  it('shows nothing published when there are no figures, without failing', () => {
    const map = publishedMap(children, []);
    expect(map.citations).toEqual([]);
    expect(map.provinces.every((p) => p.value === null)).toBe(true);
  });
});
