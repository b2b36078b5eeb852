import { describe, expect, it } from 'vitest';
import {
  COMPARE_MAX,
  additionLabel,
  compareHref,
  parseCompareCodes,
  readAddition,
  withRegion,
  withoutRegion,
} from './compare.js';
import { parseFilters } from './filters.js';

describe('parseCompareCodes', () => {
  it('keeps the order of the URL and drops repeats and blanks', () => {
    expect(parseCompareCodes('35.06, 35.05,,35.06,35')).toEqual({
      codes: ['35.06', '35.05', '35'],
      invalid: [],
      dropped: [],
    });
  });

  it('names entries that are no province, regency or district code (a village, a name)', () => {
    expect(parseCompareCodes('35.05,35.05.04.2014,blitar,3505')).toEqual({
      codes: ['35.05'],
      invalid: ['35.05.04.2014', 'blitar', '3505'],
      dropped: [],
    });
  });

  it(`keeps the first ${COMPARE_MAX} and names the rest`, () => {
    const codes = ['11', '12', '13', '14', '15', '16', '17', '18'];
    const parsed = parseCompareCodes(codes.join(','));
    expect(parsed.codes).toEqual(codes.slice(0, COMPARE_MAX));
    expect(parsed.dropped).toEqual(codes.slice(COMPARE_MAX));
  });

  it('reads no parameter as no region', () => {
    expect(parseCompareCodes(null).codes).toEqual([]);
  });
});

describe('compareHref', () => {
  const filters = parseFilters(
    new URLSearchParams('year=2021&pillar=access_index&lang=en&region=35&map=iptik'),
  );

  it('writes the codes comma-separated, first, with the settings a comparison keeps', () => {
    expect(compareHref(['35.05', '35.06'], filters)).toBe(
      '/banding?wilayah=35.05,35.06&year=2021&pillar=access_index&lang=en',
    );
  });

  it('round-trips through parseCompareCodes in order', () => {
    const href = compareHref(['35.73', '35.05', '35.06.01'], parseFilters(new URLSearchParams()));
    const url = new URL(href, 'http://localhost');
    expect(parseCompareCodes(url.searchParams.get('wilayah')).codes).toEqual([
      '35.73',
      '35.05',
      '35.06.01',
    ]);
  });

  it('is the bare page with no region and no setting', () => {
    expect(compareHref([], parseFilters(new URLSearchParams()))).toBe('/banding');
  });
});

describe('withRegion / withoutRegion', () => {
  it('appends a new region at the end and removes one keeping the others in order', () => {
    expect(withRegion(['35.05', '35.06'], '35.73')).toEqual(['35.05', '35.06', '35.73']);
    expect(withRegion(['35.05', '35.06'], '35.05')).toEqual(['35.05', '35.06']);
    expect(withoutRegion(['35.05', '35.06', '35.73'], '35.06')).toEqual(['35.05', '35.73']);
  });

  it('adds nothing to a full comparison', () => {
    const full = ['11', '12', '13', '14', '15', '16'];
    expect(withRegion(full, '17')).toEqual(full);
  });
});

describe('readAddition', () => {
  it('takes the code of a suggestion, a typed code, or words to search for', () => {
    expect(readAddition(additionLabel({ code: '35.06', name: 'Kabupaten Kediri' }))).toEqual({
      code: '35.06',
    });
    expect(readAddition(' 35.06.01 ')).toEqual({ code: '35.06.01' });
    expect(readAddition('kota malang')).toEqual({ query: 'kota malang' });
    expect(readAddition('   ')).toBeNull();
  });
});
