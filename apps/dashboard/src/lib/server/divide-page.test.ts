import { describe, expect, it } from 'vitest';
import { betaConvergence } from '@pandu/domain';
import type { RegionIndexRow } from '$lib/api-types.js';
import { childGrowth, fitChildren } from './divide-page.js';

function row(code: string, value: number | null): RegionIndexRow {
  return {
    code,
    name: `R${code}`,
    level: 'district',
    villages: 10,
    missing: value === null ? 10 : 0,
    value,
    change: null,
    digitalSkills: null,
    digitalEthics: null,
    digitalSafety: null,
    digitalCulture: null,
    skillsIndex: value,
    skillsIndexGeometric: null,
    accessIndex: null,
    outcomesIndex: null,
  };
}

describe('childGrowth', () => {
  it('pairs first and last years and annualises log growth', () => {
    const { children, excluded } = childGrowth(
      [row('a', 3), row('b', 3.5)],
      [row('a', 3.3), row('b', 3.6)],
      2020,
      2025,
    );
    expect(excluded).toBe(0);
    expect(children.map((c) => c.code)).toEqual(['a', 'b']);
    expect(children[0]!.growth).toBeCloseTo(Math.log(3.3 / 3) / 5, 12);
  });

  it('counts children missing a year, or at 0, as excluded rather than dropping them silently', () => {
    const { children, excluded } = childGrowth(
      [row('a', 3), row('b', null), row('c', 0)],
      [row('a', 3.3), row('b', 3.1), row('c', 2), row('d', 4)],
      2020,
      2025,
    );
    expect(children.map((c) => c.code)).toEqual(['a']);
    expect(excluded).toBe(3);
  });

  it('gives nothing for one year of data', () => {
    expect(childGrowth([row('a', 3)], [row('a', 3)], 2025, 2025)).toEqual({
      children: [],
      excluded: 1,
    });
  });
});

describe('fitChildren', () => {
  it("is the domain's beta convergence over the children", () => {
    const { children } = childGrowth(
      [row('a', 20), row('b', 40), row('c', 80)],
      [row('a', 36.4), row('b', 54.9), row('c', 82.8)],
      2020,
      2025,
    );
    expect(fitChildren(children, 2020, 2025)).toEqual(
      betaConvergence([20, 40, 80], [36.4, 54.9, 82.8], 5),
    );
    expect(fitChildren(children, 2020, 2025)!.slope).toBeLessThan(0);
  });

  it('is null when undefined: one child, or every child starting at the same level', () => {
    const one = childGrowth([row('a', 3)], [row('a', 3.3)], 2020, 2025).children;
    expect(fitChildren(one, 2020, 2025)).toBeNull();
    const equal = childGrowth(
      [row('a', 3), row('b', 3)],
      [row('a', 3.3), row('b', 3.4)],
      2020,
      2025,
    ).children;
    expect(fitChildren(equal, 2020, 2025)).toBeNull();
  });
});
