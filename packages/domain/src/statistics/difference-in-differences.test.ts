import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DivideInputError } from './divide-input-error.js';
import { differenceInDifferences, type DidUnit } from './difference-in-differences.js';
import { studentTQuantile975 } from './student-t-quantile.js';

/** A unit with values from `start` on, one a year. */
function unit(
  group: string,
  firstTreated: number | null,
  cohort: number | null,
  start: number,
  values: number[],
): DidUnit {
  return { group, firstTreated, cohort, values: new Map(values.map((v, i) => [start + i, v])) };
}
const never = (group: string, start: number, values: number[]) =>
  unit(group, null, null, start, values);
const treatedIn = (group: string, year: number, values: number[]) =>
  unit(group, year, year, year, values);

describe('differenceInDifferences', () => {
  it('one lone treated unit against two controls, by hand', () => {
    const did = differenceInDifferences([
      treatedIn('A', 2021, [3, 3.5]),
      never('A', 2021, [3, 3.1]),
      never('A', 2021, [3, 3.3]),
    ]);
    // 0.5 against a mean control change of 0.2.
    expect(did.estimate).toBeCloseTo(0.3, 12);
    // The lone treated unit borrows the control variance 0.02: 0.02 / 1 + 0.02 / 2 = 0.03.
    expect(did.standardError).toBeCloseTo(Math.sqrt(0.03), 12);
    // Satterthwaite: (0.02 + 0.01)^2 / (0.02^2 / 1 + 0.01^2 / 1) = 1.8.
    expect(did.degreesOfFreedom).toBeCloseTo(1.8, 12);
    const half = studentTQuantile975(1.8) * Math.sqrt(0.03);
    expect(did.ci95[0]).toBeCloseTo(0.3 - half, 12);
    expect(did.ci95[1]).toBeCloseTo(0.3 + half, 12);
    expect(did).toMatchObject({ nTreated: 1, nControl: 2, treatedUnits: 1 });
    expect(did.cohorts).toHaveLength(1);
    expect(did.cohorts[0]).toMatchObject({ year: 2021, groups: 1, nTreated: 1, nControl: 2 });
    expect(did.cohorts[0]?.estimate).toBeCloseTo(0.3, 12);
  });

  it('clusters by unit: a control in two cohorts counts its terms together, by hand', () => {
    // Cohort 2021: treated +1 against controls 0 and 1 (estimate 0.5, variance 0.5 + 0.5/2).
    // Cohort 2022: treated +2 against controls 0 and 2 (estimate 1, variance 2 + 2/2).
    // Each control's influence terms are +-0.5/sqrt(2) and +-1/sqrt(2) with the same sign, so
    // pooled (W = 2) the variance is (2 x 1.5^2/2 + 0.5 + 2) / 4 = 4.75 / 4, not (0.75 + 3) / 4.
    const did = differenceInDifferences([
      treatedIn('A', 2021, [0, 1]),
      treatedIn('A', 2022, [0, 2]),
      never('A', 2021, [0, 0, 0]),
      never('A', 2021, [0, 1, 3]),
    ]);
    expect(did.cohorts.map((c) => [c.year, c.estimate, c.standardError ** 2])).toEqual([
      [2021, 0.5, expect.closeTo(0.75, 12)],
      [2022, 1, expect.closeTo(3, 12)],
    ]);
    expect(did.estimate).toBeCloseTo(0.75, 12);
    expect(did.standardError).toBeCloseTo(Math.sqrt(4.75) / 2, 12);
    expect(did).toMatchObject({ nTreated: 2, nControl: 2, treatedUnits: 2 });
    // Components 0.5, 0.25 (2021) and 2, 1 (2022), each with 1 degree of freedom.
    expect(did.degreesOfFreedom).toBeCloseTo(3.75 ** 2 / (0.25 + 0.0625 + 4 + 1), 12);
  });

  it('compares only with units not yet treated, of the same group, in cells of 1 + 2', () => {
    const did = differenceInDifferences([
      treatedIn('A', 2021, [0, 1]),
      never('A', 2021, [0, 0]),
      // First treated after 2022: a control for 2021.
      unit('A', 2023, null, 2021, [0, 0.2]),
      // First treated in 2022 (the cohort's second year): neither.
      unit('A', 2022, null, 2021, [0, 9]),
      // First treated in 2021 with another treatment: neither.
      unit('A', 2021, null, 2021, [0, 9]),
      // Another group.
      never('B', 2021, [0, 9]),
      // A group with one control only: no comparison.
      treatedIn('C', 2021, [0, 9]),
      never('C', 2021, [0, 0]),
      // A unit missing the second year.
      unit('A', null, null, 2021, [0]),
    ]);
    expect(did.estimate).toBeCloseTo(1 - 0.1, 12);
    expect(did).toMatchObject({ nTreated: 1, nControl: 2, treatedUnits: 2 });
    expect(did.cohorts[0]?.groups).toBe(1);
  });

  it('equal changes everywhere: no spread, no degrees of freedom, a zero-width interval', () => {
    const did = differenceInDifferences([
      treatedIn('A', 2021, [1, 2]),
      never('A', 2021, [1, 1.5]),
      never('A', 2021, [2, 2.5]),
    ]);
    expect(did.estimate).toBeCloseTo(0.5, 12);
    expect(did.standardError).toBe(0);
    expect(did.degreesOfFreedom).toBeNull();
    expect(did.ci95).toEqual([did.estimate, did.estimate]);
  });

  /** Random panels: groups of treated and control units over 2020-2024, cohorts 2020-2023. */
  const panel = fc
    .array(
      fc.record({
        group: fc.constantFrom('A', 'B', 'C'),
        first: fc.option(fc.integer({ min: 2020, max: 2024 }), { nil: null }),
        studied: fc.boolean(),
        values: fc.array(fc.double({ min: 0, max: 5, noNaN: true }), {
          minLength: 5,
          maxLength: 5,
        }),
      }),
      { minLength: 3, maxLength: 40 },
    )
    .map((rows) =>
      rows.map((r): DidUnit => ({
        group: r.group,
        firstTreated: r.first,
        cohort: r.studied && r.first !== null && r.first < 2024 ? r.first : null,
        values: new Map(r.values.map((v, i) => [2020 + i, v])),
      })),
    );
  const tryDid = (units: DidUnit[]) => {
    try {
      return differenceInDifferences(units);
    } catch (e) {
      if (e instanceof DivideInputError) return null;
      throw e;
    }
  };

  it('pools the cohorts weighted by treated count; a cohort alone has the Welch variance', () => {
    fc.assert(
      fc.property(panel, (units) => {
        const did = tryDid(units);
        if (!did) return;
        const weighted = did.cohorts.reduce((s, c) => s + c.nTreated * c.estimate, 0);
        expect(did.estimate).toBeCloseTo(weighted / did.nTreated, 9);
        expect(did.nTreated).toBe(did.cohorts.reduce((s, c) => s + c.nTreated, 0));
        for (const c of did.cohorts) {
          // The textbook two-sample variance per cell, the lone treated unit borrowing.
          let variance = 0;
          for (const group of ['A', 'B', 'C']) {
            const change = (u: DidUnit) =>
              (u.values.get(c.year + 1) as number) - (u.values.get(c.year) as number);
            const inGroup = units.filter((u) => u.group === group);
            const t = inGroup.filter((u) => u.cohort === c.year).map(change);
            const k = inGroup
              .filter((u) => u.firstTreated === null || u.firstTreated > c.year + 1)
              .map(change);
            if (t.length < 1 || k.length < 2) continue;
            const v = (xs: number[]) => {
              const m = xs.reduce((s, x) => s + x, 0) / xs.length;
              return xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1);
            };
            const vc = v(k);
            variance += t.length ** 2 * ((t.length > 1 ? v(t) : vc) / t.length + vc / k.length);
          }
          expect(c.standardError).toBeCloseTo(Math.sqrt(variance) / c.nTreated, 9);
        }
      }),
    );
  });

  it('a common trend changes nothing; an extra change of the treated moves the estimate by it', () => {
    fc.assert(
      fc.property(panel, fc.double({ min: -2, max: 2, noNaN: true }), (units, shift) => {
        const did = tryDid(units);
        if (!did) return;
        const trended = differenceInDifferences(
          units.map((u) => ({
            ...u,
            values: new Map([...u.values].map(([y, v]) => [y, v + shift * (y - 2020)])),
          })),
        );
        expect(trended.estimate).toBeCloseTo(did.estimate, 9);
        expect(trended.standardError).toBeCloseTo(did.standardError, 9);
        // Each treated unit gains `shift` from its cohort's year on.
        const boosted = differenceInDifferences(
          units.map((u) =>
            u.cohort === null
              ? u
              : {
                  ...u,
                  values: new Map(
                    [...u.values].map(([y, v]) => [y, y > (u.cohort as number) ? v + shift : v]),
                  ),
                },
          ),
        );
        expect(boosted.estimate).toBeCloseTo(did.estimate + shift, 9);
        expect(boosted.standardError).toBeCloseTo(did.standardError, 9);
      }),
    );
  });

  it('refuses a cohort that is not the first treatment, a non-finite value, no comparison', () => {
    const cases: Array<[DidUnit[], string]> = [
      [
        [unit('A', 2020, 2021, 2021, [0, 1])],
        'differenceInDifferences: unit at index 0 is in cohort 2021 but was first treated in 2020',
      ],
      [
        [never('A', 2021, [0, Number.NaN])],
        'differenceInDifferences: non-finite value NaN in 2022 at index 0',
      ],
      [
        [treatedIn('A', 2021, [0, 1]), never('A', 2021, [0, 1])],
        'differenceInDifferences: no cohort has a treated unit and two control units of its group in consecutive years',
      ],
      [[], 'differenceInDifferences: no cohort'],
    ];
    for (const [units, message] of cases) {
      expect(() => differenceInDifferences(units)).toThrow(DivideInputError);
      expect(() => differenceInDifferences(units)).toThrow(message);
    }
  });
});
