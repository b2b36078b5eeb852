import { describe, expect, it } from 'vitest';
import { shareBelow } from './share-below.js';

describe('shareBelow', () => {
  const cases: Array<[values: number[], threshold: number, expected: number, why: string]> = [
    [[30, 39.7, 45, 60], 39.7, 0.25, 'a value equal to the threshold is not below it'],
    [[30, 39.69, 45, 60], 39.7, 0.5, 'just below counts'],
    [[1, 2, 3], 0, 0, 'none below'],
    [[1, 2, 3], 10, 1, 'all below'],
    [[-1, 1], 0, 0.5, 'negative values are fine'],
  ];
  for (const [values, threshold, expected, why] of cases) {
    it(`${JSON.stringify(values)} below ${threshold} = ${expected} (${why})`, () => {
      expect(shareBelow(values, threshold)).toBe(expected);
    });
  }

  it('weighted: the share of the weight below', () => {
    expect(shareBelow([30, 45], 39.7, [3, 1])).toBe(0.75);
  });

  it('refuses a non-finite threshold', () => {
    expect(() => shareBelow([1], Number.NaN)).toThrow(
      'shareBelow: threshold must be a finite number, got NaN',
    );
  });
});
