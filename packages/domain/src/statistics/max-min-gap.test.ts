import { describe, expect, it } from 'vitest';
import { maxMinGap } from './max-min-gap.js';

describe('maxMinGap', () => {
  it('IP-TIK 2024: DKI Jakarta 7.88 against Papua 3.56', () => {
    // A few rows of BPS's 2024 province table (shared/reference/iptik-province-2024.csv).
    const gap = maxMinGap([7.36, 6.82, 7.88, 5.61, 3.56, 5.36]);
    expect(gap.top).toBe(7.88);
    expect(gap.bottom).toBe(3.56);
    expect(gap.difference).toBeCloseTo(4.32, 12);
    expect(gap.ratio).toBeCloseTo(7.88 / 3.56, 12);
  });

  it('a single value: no gap', () => {
    expect(maxMinGap([5])).toEqual({ top: 5, bottom: 5, difference: 0, ratio: 1 });
  });

  it('minimum 0 or below: ratio null', () => {
    expect(maxMinGap([0, 4])).toEqual({ top: 4, bottom: 0, difference: 4, ratio: null });
    expect(maxMinGap([-2, 1])).toEqual({ top: 1, bottom: -2, difference: 3, ratio: null });
  });

  it('handles more values than a spread argument list allows', () => {
    const many = Array.from({ length: 300_000 }, (_, i) => i % 1000);
    expect(maxMinGap(many).difference).toBe(999);
  });
});
