import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROVINCES_SPLIT_IN_2022, provinceIn2021Borders } from './province-in-2021-borders.js';
import { formatRegionCode } from './region-code.js';

describe('provinceIn2021Borders', () => {
  const cases: [code: string, province: string][] = [
    ['91', '91'],
    ['92', '92'],
    ['93', '91'],
    ['94', '91'],
    ['95', '91'],
    ['96', '92'],
    ['35', '35'],
    ['11', '11'],
    ['93.01', '91'], // Kabupaten Merauke, Papua Selatan
    ['96.71', '92'], // Kota Sorong, Papua Barat Daya
    ['95.01.01.2001', '91'],
    ['35.05.04.2014', '35'],
    [' 94 ', '91'],
  ];
  for (const [code, province] of cases) {
    it(`${JSON.stringify(code)} -> ${province}`, () => {
      expect(provinceIn2021Borders(code)).toBe(province);
    });
  }

  it('throws on a malformed code', () => {
    expect(() => provinceIn2021Borders('9')).toThrow('invalid region code "9"');
  });

  it('returns the code’s own province unless it is one of the four new ones', () => {
    const codes = fc
      .integer({ min: 1, max: 4 })
      .chain((depth) =>
        fc.tuple(...[99, 99, 99, 9999].slice(0, depth).map((max) => fc.integer({ min: 0, max }))),
      )
      .map((segments) => formatRegionCode(segments));
    fc.assert(
      fc.property(codes, (code) => {
        const own = code.slice(0, 2);
        const expected = ['93', '94', '95'].includes(own) ? '91' : own === '96' ? '92' : own;
        expect(provinceIn2021Borders(code)).toBe(expected);
      }),
    );
  });
});

describe('PROVINCES_SPLIT_IN_2022', () => {
  it('maps exactly the four new Papua provinces', () => {
    expect(PROVINCES_SPLIT_IN_2022).toEqual({ '93': '91', '94': '91', '95': '91', '96': '92' });
  });
});
