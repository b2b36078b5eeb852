import { describe, expect, it } from 'vitest';
import { Region } from './region.js';

describe('Region', () => {
  const valid = [
    { code: '35', name: 'Jawa Timur', level: 'province', parentCode: null },
    { code: '35.05', name: 'Kabupaten Blitar', level: 'regency', parentCode: '35' },
    { code: '35.05.04', name: 'Kademangan', level: 'district', parentCode: '35.05' },
    { code: '35.05.04.2014', name: 'Plosorejo', level: 'village', parentCode: '35.05.04' },
    // Names are labels: the source has a few lowercase ones, kept as they are.
    { code: '33.16.13.2008', name: 'plosorejo', level: 'village', parentCode: '33.16.13' },
  ];
  for (const region of valid) {
    it(`accepts ${region.code} ${region.name}`, () => {
      expect(Region.parse(region)).toEqual(region);
    });
  }

  const invalid: [label: string, input: unknown, message: string][] = [
    [
      'a level that does not match the code',
      { code: '35.05.04.2014', name: 'Plosorejo', level: 'district', parentCode: '35.05.04' },
      'region 35.05.04.2014 is a village, not a district',
    ],
    [
      'the wrong parent',
      { code: '35.05.04', name: 'Kademangan', level: 'district', parentCode: '35' },
      'region 35.05.04 has parent 35.05, not 35',
    ],
    [
      'a province with a parent',
      { code: '35', name: 'Jawa Timur', level: 'province', parentCode: '35' },
      'region 35 has parent null, not 35',
    ],
    [
      'a regency without its parent',
      { code: '35.05', name: 'Kabupaten Blitar', level: 'regency', parentCode: null },
      'region 35.05 has parent 35, not null',
    ],
    ['a blank name', { code: '35', name: '  ', level: 'province', parentCode: null }, 'Too small'],
    [
      'a malformed code',
      { code: '35.5', name: 'x', level: 'regency', parentCode: '35' },
      'invalid region code "35.5": segment 2 must be 2 digits',
    ],
  ];
  for (const [label, input, message] of invalid) {
    it(`rejects ${label}`, () => {
      const result = Region.safeParse(input);
      expect(result.success).toBe(false);
      expect(result.error?.issues.map((i) => i.message).join('\n')).toContain(message);
    });
  }

  it('requires parentCode to be present, even for a province', () => {
    expect(Region.safeParse({ code: '35', name: 'Jawa Timur', level: 'province' }).success).toBe(
      false,
    );
  });
});
