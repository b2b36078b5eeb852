import { describe, expect, it } from 'vitest';
import { studentTPValue } from './student-t-p-value.js';
import { studentTQuantile975 } from './student-t-quantile.js';

// Checked against closed forms of Student's t, not against the same algorithm.
describe('studentTPValue', () => {
  it('matches the Cauchy distribution at df = 1: p = 1 - 2 atan(|t|) / pi', () => {
    for (const t of [0, 0.3, 1, 2.5, 12.706, 100]) {
      expect(studentTPValue(t, 1)).toBeCloseTo(1 - (2 * Math.atan(t)) / Math.PI, 12);
    }
  });

  it('matches the closed form at df = 2: p = 1 - |t| / sqrt(2 + t^2)', () => {
    for (const t of [0.1, 1, 4.303, 30]) {
      expect(studentTPValue(t, 2)).toBeCloseTo(1 - t / Math.sqrt(2 + t * t), 12);
      expect(studentTPValue(-t, 2)).toBeCloseTo(1 - t / Math.sqrt(2 + t * t), 12);
    }
  });

  it('matches the closed form at df = 3', () => {
    // F(t) = 1/2 + (1/pi) [ t / (sqrt 3 (1 + t^2/3)) + atan(t / sqrt 3) ]
    for (const t of [0.5, 1.7, 3.182, 9]) {
      const u = t / Math.sqrt(3);
      const cdf = 0.5 + (u / (1 + u * u) + Math.atan(u)) / Math.PI;
      expect(studentTPValue(t, 3)).toBeCloseTo(2 * (1 - cdf), 12);
    }
  });

  it('gives 0.05 at the tabled 95% critical values, and the normal in the limit', () => {
    for (const df of [4, 10, 25, 60]) {
      expect(studentTPValue(studentTQuantile975(df), df)).toBeCloseTo(0.05, 3);
    }
    expect(studentTPValue(1.959963984540054, Infinity)).toBeCloseTo(0.05, 12);
    expect(studentTPValue(1, Infinity)).toBeCloseTo(0.31731050786291415, 12);
    expect(studentTPValue(1.959963984540054, 1e7)).toBeCloseTo(0.05, 6);
  });

  it('is 1 at t = 0 and 0 at an infinite t; refuses a bad df', () => {
    expect(studentTPValue(0, 7)).toBe(1);
    expect(studentTPValue(Infinity, 7)).toBe(0);
    expect(() => studentTPValue(1, 0)).toThrow(RangeError);
  });
});
