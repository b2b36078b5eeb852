import { describe, expect, it } from 'vitest';
import { palmaRatio } from './palma-ratio.js';

describe('palmaRatio', () => {
  const cases: Array<[values: number[], expected: number | null, why: string]> = [
    // n = 10: top 10% is the 10, bottom 40% is 1 + 2 + 3 + 4 = 10.
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 1, 'n = 10, cuts on whole ranks'],
    [[10, 9, 8, 7, 6, 5, 4, 3, 2, 1], 1, 'order does not matter'],
    // n = 5: top 0.5 observation = 0.5 * 10 = 5; bottom 2 observations = 1 + 2 = 3.
    [[1, 2, 3, 4, 10], 5 / 3, 'n = 5: half of the largest value'],
    // n = 3: top 0.3 * 6 = 1.8; bottom 1.2 observations = 1 + 0.2 * 2 = 1.4.
    [[1, 2, 6], 1.8 / 1.4, 'n = 3: both cuts fractional'],
    // n = 15: top 1.5 = 15 + 0.5 * 14 = 22; bottom 6 = 1 + ... + 6 = 21.
    [Array.from({ length: 15 }, (_, i) => i + 1), 22 / 21, 'n = 15: 4n/10 is exactly 6'],
    [[4, 4, 4, 4, 4, 4, 4], 0.25, 'equal values: 10% / 40%'],
    [[2], 0.25, 'a single value'],
    [[0, 0, 0], 0.25, 'all zeros: read as equality'],
    [[0, 0, 0, 0, 10], null, 'the bottom 40% hold nothing: infinite, so null'],
  ];
  for (const [values, expected, why] of cases) {
    it(`palmaRatio of ${values.length} values = ${expected} (${why})`, () => {
      const got = palmaRatio(values);
      if (expected === null) expect(got).toBeNull();
      else expect(got).toBeCloseTo(expected, 12);
    });
  }
});
