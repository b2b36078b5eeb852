import { describe, expect, it } from 'vitest';
import { InvalidRegionCodeError } from './invalid-region-code-error.js';
import { RegionLevel, regionLevel } from './region-level.js';
import { REGION_LEVELS } from './region-levels.js';

describe('regionLevel', () => {
  const cases: [code: string, level: RegionLevel][] = [
    ['35', 'province'],
    ['35.05', 'regency'],
    ['35.05.04', 'district'],
    ['35.05.04.2014', 'village'],
    [' 35.05 ', 'regency'],
  ];
  for (const [code, level] of cases) {
    it(`${JSON.stringify(code)} is a ${level}`, () => {
      expect(regionLevel(code)).toBe(level);
    });
  }

  it('throws on a malformed code', () => {
    expect(() => regionLevel('35.5')).toThrow(InvalidRegionCodeError);
  });
});

describe('REGION_LEVELS', () => {
  it('lists the levels from the top down', () => {
    expect(REGION_LEVELS).toEqual(['province', 'regency', 'district', 'village']);
    expect(RegionLevel.safeParse('kecamatan').success).toBe(false);
  });
});
