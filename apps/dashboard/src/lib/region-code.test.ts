import { describe, expect, it } from 'vitest';
import { AREA_CODE_PATTERN, isAreaCode, isRegionCode, isVillageCode } from './region-code.js';

describe('region codes', () => {
  it('tells areas from villages and refuses the rest', () => {
    for (const c of ['35', '35.05', '35.05.04']) expect(isAreaCode(c), c).toBe(true);
    for (const c of ['3', '35.5', '35.05.04.2014', 'blitar', '', null, undefined])
      expect(isAreaCode(c), String(c)).toBe(false);
    expect(isVillageCode('35.05.04.2014')).toBe(true);
    expect(isVillageCode('35.05.04')).toBe(false);
    expect(isRegionCode('35.05.04.2014')).toBe(true);
    expect(isRegionCode('35.05.04.201')).toBe(false);
  });

  it('gives forms the same pattern', () => {
    const input = new RegExp(`^(?:${AREA_CODE_PATTERN})$`);
    expect(input.test('35.05')).toBe(true);
    expect(input.test('35.05.04.2014')).toBe(false);
  });
});
