import { describe, expect, it } from 'vitest';
import { MISSING, formatDate, formatNumber, formatPercent } from './format.js';

describe('formatNumber', () => {
  it.each([
    [3.49, 'id', {}, '3,49'],
    [3.49, 'en', {}, '3.49'],
    [12345.6, 'id', {}, '12.345,6'],
    [12345.6, 'en', {}, '12,345.6'],
    [2021, 'id', { grouping: false }, '2021'],
    [3, 'id', { minDigits: 2 }, '3,00'],
    [0.12345, 'en', { maxDigits: 3 }, '0.123'],
    [-0.001, 'id', {}, '0'],
    [-1.5, 'en', {}, '-1.5'],
  ] as const)('%s in %s %j -> %s', (value, lang, options, expected) => {
    expect(formatNumber(value, lang, options)).toBe(expected);
  });

  it('shows missing values as a dash', () => {
    for (const value of [null, undefined, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(formatNumber(value, 'id')).toBe(MISSING);
    }
  });
});

describe('formatPercent', () => {
  it.each([
    [0.125, 'id', '12,5%'],
    [0.125, 'en', '12.5%'],
    [1, 'id', '100%'],
    [-0.0001, 'en', '0%'],
    [null, 'en', MISSING],
  ] as const)('%s in %s -> %s', (value, lang, expected) => {
    expect(formatPercent(value, lang)).toBe(expected);
  });
});

describe('formatDate', () => {
  it('formats the Blitar workshop date in both languages', () => {
    expect(formatDate('2021-11-02', 'id')).toBe('2 November 2021');
    expect(formatDate('2021-11-02', 'en')).toBe('2 November 2021');
    expect(formatDate('2021-11-02', 'id', 'medium')).toBe('2 Nov 2021');
  });

  it('does not shift the day with the time zone', () => {
    // Midnight UTC is the previous evening west of Greenwich; the date must stay the 1st.
    expect(formatDate('2024-01-01', 'en', 'short')).toBe('01/01/2024');
    expect(formatDate(new Date(Date.UTC(2024, 0, 1)), 'en', 'short')).toBe('01/01/2024');
  });

  it('refuses a value that is not a date', () => {
    expect(() => formatDate('2024-13-45', 'id')).toThrow('invalid date: 2024-13-45');
  });
});
