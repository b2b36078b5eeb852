import { describe, expect, it } from 'vitest';
import type { Health } from '$lib/api-types.js';
import { defaultYear, partialYears } from './dataset-info.js';

/** A health answer with these years' coverage; the rest does not matter here. */
function health(coverage: Array<[number, number]>, complete: number | null): Health {
  const list = coverage.map(([year]) => year);
  return {
    years:
      list.length === 0
        ? null
        : {
            first: list[0],
            last: list.at(-1),
            list,
            complete,
            coverage: coverage.map(([year, share]) => ({
              year,
              villages: Math.round(share * 1000),
              share,
              complete: share >= 0.9,
            })),
          },
  } as unknown as Health;
}

describe('defaultYear and partialYears', () => {
  // Issue 10: one value imported for 2027 made every page default to 2027 and show blanks.
  it('regression: a new year with a few values is partial, and the default stays complete', () => {
    const h = health(
      [
        [2024, 1],
        [2025, 0.98],
        [2027, 0.001],
      ],
      2025,
    );
    expect(defaultYear(h)).toBe(2025);
    expect(partialYears(h)).toEqual([{ year: 2027, villages: 1, share: 0.001 }]);
  });

  it('takes the complete year of the measure shown when the API gives one per measure', () => {
    const h = health(
      [
        [2024, 1],
        [2025, 0.98],
        [2026, 0.95],
      ],
      2026,
    );
    // The access indicators of 2026 are a few villages' (the skills pillars were imported alone).
    const byMeasure = { access_index: { complete: 2025 }, skills_index: { complete: 2026 } };
    const withMeasures = { years: { ...h.years, byMeasure } } as unknown as Health;
    expect(defaultYear(withMeasures, 'access_index')).toBe(2025);
    expect(defaultYear(withMeasures, 'skills_index')).toBe(2026);
    expect(defaultYear(withMeasures)).toBe(2026);
    // A measure the answer lacks (an older API) falls back to the dataset's complete year
    // (years.complete), told apart here from the measures' own.
    const older = { years: { ...h.years, complete: 2024, byMeasure } } as unknown as Health;
    expect(defaultYear(older, 'digital_safety')).toBe(2024);
    expect(defaultYear(older, 'access_index')).toBe(2025);
  });

  it('falls back to the latest year when no year is complete, and to null without data', () => {
    expect(defaultYear(health([[2020, 0.5]], null))).toBe(2020);
    expect(partialYears(health([[2020, 0.5]], null))).toEqual([
      { year: 2020, villages: 500, share: 0.5 },
    ]);
    expect(defaultYear(health([], null))).toBeNull();
    expect(partialYears(health([], null))).toEqual([]);
  });
});
