import { describe, expect, it } from 'vitest';
import { yearReaching } from './year-reaching.js';

describe('yearReaching', () => {
  it('projects a falling share to 0', () => {
    // Falls 0.1 a year from 0.4 in 2021: 0 in 2025.
    expect(yearReaching({ 2021: 0.4, 2022: 0.3, 2023: 0.2 }, 0)).toBeCloseTo(2025, 9);
  });

  it('takes a list in any order', () => {
    const series = [
      { year: 2023, value: 0.2 },
      { year: 2021, value: 0.4 },
      { year: 2022, value: 0.3 },
    ];
    expect(yearReaching(series, 0)).toBeCloseTo(2025, 9);
  });

  it('projects a rising index to a target (IMDI 2022-2025 to 57.76, "very high")', () => {
    // National IMDI 37.80, 43.18, 43.34, 44.53 (shared/reference/imdi-national.csv).
    // By hand: x centred -1.5, -0.5, 0.5, 1.5; y mean 42.2125;
    // S_xy = 6.61875 - 0.48375 + 0.56375 + 3.47625 = 10.175; S_xx = 5; slope 2.035 a year;
    // 57.76 is reached 2023.5 + (57.76 - 42.2125) / 2.035 = 2031.14.
    const year = yearReaching({ 2022: 37.8, 2023: 43.18, 2024: 43.34, 2025: 44.53 }, 57.76);
    expect(year).toBeCloseTo(2023.5 + (57.76 - 42.2125) / 2.035, 9);
  });

  it('already reached: a year within the observations', () => {
    expect(yearReaching({ 2020: 0.3, 2021: 0.1, 2022: -0.1 }, 0)).toBeCloseTo(2021.5, 9);
  });

  it('heading away from the target: null', () => {
    expect(yearReaching({ 2021: 0.2, 2022: 0.3 }, 0)).toBeNull();
  });

  it('flat trend: null', () => {
    expect(yearReaching({ 2021: 0.2, 2022: 0.2 }, 0)).toBeNull();
  });

  const bad: Array<[series: Parameters<typeof yearReaching>[0], target: number, message: string]> =
    [
      [{ 2021: 0.2 }, 0, 'yearReaching: needs at least two points for a trend'],
      [
        [
          { year: 2021, value: 1 },
          { year: 2021, value: 2 },
        ],
        0,
        'yearReaching: duplicate year 2021',
      ],
      [{ abc: 1, 2022: 2 }, 0, 'yearReaching: year "abc" is not a number'],
      [
        { 2021: 1, 2022: 2 },
        Infinity,
        'yearReaching: target must be a finite number, got Infinity',
      ],
    ];
  for (const [series, target, message] of bad) {
    it(`refuses: ${message}`, () => {
      expect(() => yearReaching(series, target)).toThrow(message);
    });
  }
});
