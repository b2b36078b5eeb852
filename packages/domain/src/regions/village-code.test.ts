import { describe, expect, it } from 'vitest';
import { InvalidRegionCodeError } from './invalid-region-code-error.js';
import { VillageCode, isVillageCode, parseVillageCode } from './village-code.js';

describe('parseVillageCode', () => {
  it('accepts a village code, trimming it', () => {
    expect(parseVillageCode(' 35.05.04.2014 ')).toBe('35.05.04.2014');
  });

  const otherLevels: [code: string, level: string][] = [
    ['35', 'province'],
    ['35.05', 'regency'],
    ['35.05.04', 'district'],
  ];
  for (const [code, level] of otherLevels) {
    it(`rejects the ${level} code ${code}, naming its level`, () => {
      expect(() => parseVillageCode(code)).toThrow(
        `invalid village code "${code}": is a ${level} code; a village code has 4 segments (PP.RR.DD.VVVV)`,
      );
    });
  }

  it('rejects a malformed code as a region code', () => {
    expect(() => parseVillageCode('35.05.04.201')).toThrow(
      new InvalidRegionCodeError('35.05.04.201', 'segment 4 must be 4 digits'),
    );
  });
});

describe('VillageCode schema', () => {
  it('parses a village code', () => {
    expect(VillageCode.parse('35.05.04.2014')).toBe('35.05.04.2014');
  });

  it('gives one message for a malformed code, not a second about the level', () => {
    expect(VillageCode.safeParse('35.5').error?.issues.map((i) => i.message)).toEqual([
      'invalid region code "35.5": segment 2 must be 2 digits',
    ]);
  });

  it('names the level of a well-formed code of another level', () => {
    expect(VillageCode.safeParse('35.05.04').error?.issues.map((i) => i.message)).toEqual([
      'invalid village code "35.05.04": is a district code; a village code has 4 segments (PP.RR.DD.VVVV)',
    ]);
  });
});

describe('isVillageCode', () => {
  const cases: [value: unknown, expected: boolean][] = [
    ['35.05.04.2014', true],
    ['35.05.04', false],
    [' 35.05.04.2014', false],
    [3505042014, false],
  ];
  for (const [value, expected] of cases) {
    it(`${JSON.stringify(value)} -> ${expected}`, () => {
      expect(isVillageCode(value)).toBe(expected);
    });
  }
});
