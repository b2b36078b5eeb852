import { describe, expect, it } from 'vitest';
import { Observation } from './observation.js';

const valid = { villageCode: '35.05.04.2014', year: 2021, indicator: 'digital_skills', value: 3.4 };

describe('Observation villageCode', () => {
  it('accepts a village code, trimmed, as a VillageCode', () => {
    expect(Observation.parse({ ...valid, villageCode: ' 35.05.04.2014 ' }).villageCode).toBe(
      '35.05.04.2014',
    );
  });

  for (const villageCode of ['35.05.04', '35.5.04.2014', '35-05-04-2014', '']) {
    it(`rejects ${JSON.stringify(villageCode)} with the established message`, () => {
      const result = Observation.safeParse({ ...valid, villageCode });
      expect(result.error?.issues.map((i) => [i.path, i.message])).toEqual([
        [['villageCode'], 'villageCode must look like PP.RR.DD.VVVV, e.g. 35.05.04.2014'],
      ]);
    });
  }

  it('rejects a number', () => {
    const result = Observation.safeParse({ ...valid, villageCode: 3505042014 });
    expect(result.error?.issues.map((i) => i.path)).toEqual([['villageCode']]);
  });

  it('still reports a value out of range', () => {
    expect(
      Observation.safeParse({ ...valid, value: 7 }).error?.issues.map((i) => i.message),
    ).toEqual(['digital_skills must be between 1 and 5 (score_1_5), got 7']);
  });
});
