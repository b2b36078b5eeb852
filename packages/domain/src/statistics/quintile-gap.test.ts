import { describe, expect, it } from 'vitest';
import { quintileGap } from './quintile-gap.js';

describe('quintileGap', () => {
  it('n = 10: quintiles of two values each', () => {
    // top (10 + 9) / 2 = 9.5, bottom (1 + 2) / 2 = 1.5.
    expect(quintileGap([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toEqual({
      top: 9.5,
      bottom: 1.5,
      difference: 8,
      ratio: 9.5 / 1.5,
    });
  });

  it('n = 7: 1.4 observations per quintile, the second counted at 0.4', () => {
    // top (7 + 0.4 * 6) / 1.4 = 9.4 / 1.4; bottom (1 + 0.4 * 2) / 1.4 = 1.8 / 1.4.
    const gap = quintileGap([5, 3, 1, 7, 2, 6, 4]);
    expect(gap.top).toBeCloseTo(9.4 / 1.4, 12);
    expect(gap.bottom).toBeCloseTo(1.8 / 1.4, 12);
    expect(gap.difference).toBeCloseTo(7.6 / 1.4, 12);
    expect(gap.ratio).toBeCloseTo(9.4 / 1.8, 12);
  });

  it('n < 5: the largest against the smallest', () => {
    expect(quintileGap([2, 8, 5])).toMatchObject({ top: 8, bottom: 2, difference: 6, ratio: 4 });
  });

  it('equal values: no gap', () => {
    expect(quintileGap([3, 3, 3, 3, 3, 3])).toEqual({ top: 3, bottom: 3, difference: 0, ratio: 1 });
  });

  it('a single value: no gap', () => {
    expect(quintileGap([4])).toEqual({ top: 4, bottom: 4, difference: 0, ratio: 1 });
  });

  it('bottom mean 0 or below: difference kept, ratio null', () => {
    expect(quintileGap([0, 5, 10, 10, 10])).toMatchObject({ difference: 10, ratio: null });
    expect(quintileGap([-1.5, 0, 1.5, 0, 0])).toMatchObject({ difference: 3, ratio: null });
  });
});
