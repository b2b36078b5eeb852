import { describe, expect, it } from 'vitest';
import type { ChildConvergence, Health } from '$lib/api-types.js';
import { parseFilters } from '$lib/filters.js';
import type { Api } from '$lib/server/api.js';
import { loadDividePage } from './divide-page.js';

const fit: NonNullable<ChildConvergence['fit']> = {
  slope: -0.03,
  intercept: 0.05,
  r2: 0.4,
  n: 2,
  speed: 0.032,
  halfLifeYears: 21.7,
  df: 0,
  slopeSe: null,
  t: null,
  pValue: null,
  ciLow: null,
  ciHigh: null,
};
const children: ChildConvergence = {
  measure: 'digital_safety',
  firstYear: 2021,
  lastYear: 2024,
  coverage: [],
  partialExcluded: [],
  children: [
    { code: '35.05.01', name: 'A', level: 'district', initial: 3, final: 3.3, growth: 0.03 },
    { code: '35.05.02', name: 'B', level: 'district', initial: 3.5, final: 3.6, growth: 0.01 },
  ],
  excluded: 1,
  fit,
};

/** An API that answers only what the divide page asks, recording the child-convergence input. */
function fakeApi(asked: unknown[]): Api {
  const query = (answer: unknown) => ({
    query: (input: unknown) => {
      if (answer === children) asked.push(input);
      return Promise.resolve(answer);
    },
  });
  return {
    regions: { get: query({ code: '35.05', name: 'Kabupaten Blitar', ancestors: [] }) },
    divide: {
      convergence: query(null),
      childConvergence: query(children),
      summary: query(null),
    },
  } as unknown as Api;
}

describe('loadDividePage', () => {
  it("shows the API's child-region fit for the page's region, measure and kind", async () => {
    const asked: unknown[] = [];
    const health = { years: { first: 2021, last: 2024, list: [2021, 2022, 2023, 2024] } };
    const page = await loadDividePage(
      fakeApi(asked),
      parseFilters(new URLSearchParams('region=35.05&pillar=digital_safety&kind=desa')),
      health as Health,
    );
    expect(asked).toEqual([{ code: '35.05', measure: 'digital_safety', kind: 'desa' }]);
    expect(page.childConvergence).toBe(children);
    expect([page.firstYear, page.lastYear]).toEqual([2021, 2024]);
  });

  // Issue 10: one village imported for 2027; the beta chart's caption spans the complete years.
  it('regression: the years the trends span are the complete ones, not a partial 2027', async () => {
    const coverage = [2021, 2022, 2023, 2024, 2027].map((year) => ({
      year,
      villages: year === 2027 ? 1 : 900,
      share: year === 2027 ? 0.001 : 0.99,
      complete: year !== 2027,
    }));
    const health = {
      years: {
        first: 2021,
        last: 2027,
        list: [2021, 2022, 2023, 2024, 2027],
        coverage,
        complete: 2024,
        extrapolated: [2024],
        lastPublished: 2023,
      },
    };
    const page = await loadDividePage(
      fakeApi([]),
      parseFilters(new URLSearchParams()),
      health as unknown as Health,
    );
    expect([page.firstYear, page.lastYear]).toEqual([2021, 2024]);
    expect(page.years).toEqual([2021, 2022, 2023, 2024, 2027]);
    expect(page.yearNotes).toEqual({ extrapolated: [2024], lastPublished: 2023 });
  });
});
