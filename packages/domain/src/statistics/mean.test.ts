import { describe, expect, it } from 'vitest';
import { mean } from './mean.js';

describe('mean', () => {
  const cases: Array<[values: number[], expected: number]> = [
    [[3.34, 3.72, 3.24, 3.55], 3.4625],
    [[5], 5],
    [[-2, 2], 0],
    [[0, 0, 0], 0],
  ];
  for (const [values, expected] of cases) {
    it(`mean(${JSON.stringify(values)}) = ${expected}`, () => {
      expect(mean(values)).toBeCloseTo(expected, 12);
    });
  }
});
