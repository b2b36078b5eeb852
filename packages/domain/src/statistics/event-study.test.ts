import { describe, expect, it } from 'vitest';
import { differenceInDifferences, type DidUnit } from './difference-in-differences.js';
import { DivideInputError } from './divide-input-error.js';
import { eventStudy, preTrendOf, type EventTimeEstimate } from './event-study.js';
import { studentTPValue } from './student-t-p-value.js';

/** A unit with one value a year from 2020. */
const unit = (
  group: string,
  firstTreated: number | null,
  values: number[],
  cohort = firstTreated,
) =>
  ({
    group,
    firstTreated,
    cohort,
    values: new Map(values.map((v, i) => [2020 + i, v])),
  }) satisfies DidUnit;

describe('eventStudy', () => {
  it('measures each event time from the year before the event, by hand', () => {
    // Cohort 2022 in group A; controls: never treated, and one first treated in 2023.
    const units = [
      unit('A', 2022, [1, 2, 3, 5, 6, 7]),
      unit('A', null, [0, 0, 0, 0, 0, 0]),
      unit('A', null, [0, 2, 2, 2, 2, 2]),
      unit('A', 2023, [1, 1, 1, 1, 4, 4], null),
    ];
    const study = eventStudy(units);
    const at = (k: number) => study.estimates.find((e) => e.eventTime === k);
    // Base 2021: treated 2. k = -2: 2020 - 2021 = -1 against controls (0, -2, 0): mean -2/3.
    expect(at(-2)?.estimate).toBeCloseTo(-1 + 2 / 3, 12);
    expect(at(-2)).toMatchObject({ nTreated: 1, nControl: 3, cohorts: 1 });
    // k = 0: 3 - 2 = 1 against (0, 0, 0): the unit first treated in 2023 is not yet treated in 2022.
    expect(at(0)?.estimate).toBeCloseTo(1, 12);
    // k = 1: 5 - 2 = 3 against (0, 0) only: the 2023 unit is treated by 2023.
    expect(at(1)?.estimate).toBeCloseTo(3, 12);
    expect(at(1)).toMatchObject({ nControl: 2 });
    // k = 3: 7 - 2 = 5 against (0, 0).
    expect(at(3)?.estimate).toBeCloseTo(5, 12);
    // k = -3 needs 2019: no comparison, left out.
    expect(at(-3)).toBeUndefined();
    expect(study.estimates.map((e) => e.eventTime)).toEqual([-2, 0, 1, 2, 3]);
  });

  it("is the domain's difference in differences over the window (-1, k), with its p-value", () => {
    const units: DidUnit[] = [];
    // Deterministic pseudo-noise: three groups, cohorts 2021-2024, a +0.5 effect after the event.
    let seed = 7;
    const noise = () => ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5) * 0.4;
    for (const group of ['A', 'B', 'C']) {
      for (let i = 0; i < 12; i++) {
        const first = i < 8 ? 2021 + (i % 4) : null;
        const values = [0, 1, 2, 3, 4, 5].map(
          (t) => t * 0.1 + noise() + (first !== null && 2020 + t > first ? 0.5 : 0),
        );
        units.push(unit(group, first, values));
      }
    }
    const study = eventStudy(units);
    for (const e of study.estimates) {
      const did = differenceInDifferences(units, { from: -1, to: e.eventTime });
      expect(e.estimate).toBe(did.estimate);
      expect(e.standardError).toBe(did.standardError);
      expect(e.cohorts).toBe(did.cohorts.length);
      const df = e.degreesOfFreedom ?? Infinity;
      expect(e.pValue).toBeCloseTo(studentTPValue(e.estimate / e.standardError, df), 14);
    }
    const after = study.estimates.filter((e) => e.eventTime >= 1);
    expect(after).toHaveLength(3);
    for (const e of after) expect(e.estimate).toBeGreaterThan(0.3);
  });

  it('refuses the base year as an event time, and a window that compares a year with itself', () => {
    expect(() => eventStudy([], [-1])).toThrow(DivideInputError);
    expect(() => eventStudy([], [0.5])).toThrow(DivideInputError);
    expect(() => differenceInDifferences([], { from: 1, to: 1 })).toThrow(
      'differenceInDifferences: invalid window: from 1 to 1',
    );
  });

  it('leaves out an event time no cohort reaches, and throws nothing for it', () => {
    const units = [
      unit('A', 2024, [0, 0, 0, 0, 0, 1]),
      unit('A', null, [0, 0, 0, 0, 0, 0]),
      unit('A', null, [0, 0, 0, 0, 0, 0]),
    ];
    // Cohort 2024: k = 2 and 3 would need 2026 and 2027.
    expect(eventStudy(units).estimates.map((e) => e.eventTime)).toEqual([-3, -2, 0, 1]);
  });
});

describe('preTrendOf', () => {
  const estimate = (eventTime: number, lo: number, hi: number, pValue: number) =>
    ({
      eventTime,
      estimate: (lo + hi) / 2,
      standardError: 1,
      ci95: [lo, hi],
      degreesOfFreedom: null,
      pValue,
      nTreated: 1,
      nControl: 2,
      cohorts: 1,
    }) satisfies EventTimeEstimate;

  it('passes when every placebo interval covers 0, fails on one that does not or on none', () => {
    const after = estimate(1, 0.1, 0.2, 0.001);
    expect(preTrendOf([estimate(-3, -1, 1, 0.9), estimate(-2, -0.1, 0.3, 0.4), after])).toEqual({
      passes: true,
      placebos: 2,
      minPValue: 0.4,
      largestPlacebo: expect.closeTo(0.1, 12),
    });
    expect(preTrendOf([estimate(-3, -1, 1, 0.9), estimate(-2, 0.1, 0.3, 0.01), after])).toEqual({
      passes: false,
      placebos: 2,
      minPValue: 0.01,
      largestPlacebo: expect.closeTo(0.2, 12),
    });
    expect(preTrendOf([estimate(-3, -0.5, 0.1, 0.3), estimate(-2, -0.1, 0.3, 0.4)])).toMatchObject({
      largestPlacebo: expect.closeTo(-0.2, 12),
    });
    expect(preTrendOf([after])).toEqual({
      passes: false,
      placebos: 0,
      minPValue: null,
      largestPlacebo: null,
    });
  });
});
