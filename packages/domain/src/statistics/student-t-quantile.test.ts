import { describe, expect, it } from 'vitest';
import { studentTQuantile975 } from './student-t-quantile.js';

describe('studentTQuantile975', () => {
  it('matches published t tables', () => {
    // t(0.975, df) to 4 decimals (e.g. NIST/SEMATECH e-Handbook, table 1.3.6.7.2).
    for (const [df, t] of [
      [1, 12.706],
      [2, 4.303],
      [5, 2.5706],
      [10, 2.2281],
      [30, 2.0423],
      [40, 2.0211],
      [60, 2.0003],
      [100, 1.984],
      [120, 1.9799],
      [1000, 1.9623],
    ] as const) {
      expect(studentTQuantile975(df)).toBeCloseTo(t, 3);
    }
    expect(studentTQuantile975(Infinity)).toBeCloseTo(1.959964, 6);
  });

  it('falls as the degrees of freedom grow, also between table entries', () => {
    let previous = Infinity;
    for (let df = 1; df <= 200; df += 0.25) {
      const t = studentTQuantile975(df);
      expect(t).toBeLessThan(previous);
      expect(t).toBeGreaterThan(1.959964);
      previous = t;
    }
  });

  it('refuses degrees of freedom that are not positive', () => {
    for (const df of [0, -1, Number.NaN]) {
      expect(() => studentTQuantile975(df)).toThrow(RangeError);
    }
  });
});
