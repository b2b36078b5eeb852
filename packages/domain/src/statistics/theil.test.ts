import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DivideInputError } from './divide-input-error.js';
import { theil, theilDecomposition } from './theil.js';

// Indicator-like amounts: 0 or at least 1e-6. Subnormal doubles (below 2.2e-308) lose digits when
// multiplied by c, so scale invariance cannot hold for them in floating point.
const amount = fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 1e6, noNaN: true }));

const { log } = Math;

describe('theil', () => {
  const cases: Array<[values: number[], expected: number, why: string]> = [
    [[3, 3, 3], 0, 'equal values'],
    [[9], 0, 'a single value'],
    [[0, 0], 0, 'all zeros: read as perfect equality'],
    // m = 0.25; only y = 1 counts (0 ln 0 = 0): (1/4) * 4 ln 4 = ln 4, the maximum for n = 4.
    [[0, 0, 0, 1], log(4), 'one of four holds everything'],
    // m = 2; ratios 0.5, 0.5, 1, 2: (0.5 ln 0.5 * 2 + 0 + 2 ln 2) / 4 = (-ln 2 + 2 ln 2) / 4.
    [[1, 1, 2, 4], log(2) / 4, 'worked by hand'],
  ];
  for (const [values, expected, why] of cases) {
    it(`theil(${JSON.stringify(values)}) = ${expected.toFixed(6)} (${why})`, () => {
      expect(theil(values)).toBeCloseTo(expected, 12);
    });
  }

  it('is scale invariant and within [0, ln n]', () => {
    fc.assert(
      fc.property(
        fc.array(amount, { minLength: 1, maxLength: 50 }),
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        (values, c) => {
          const t = theil(values);
          expect(t).toBeGreaterThanOrEqual(0);
          expect(t).toBeLessThanOrEqual(log(values.length) + 1e-12);
          expect(theil(values.map((v) => v * c))).toBeCloseTo(t, 9);
        },
      ),
    );
  });
});

describe('theilDecomposition', () => {
  it('splits a worked example exactly', () => {
    // Groups a = [1, 1] (mean 1) and b = [2, 4] (mean 3); pooled mean m = 2, N = 4.
    // Shares of the total: s_a = 2 * 1 / (4 * 2) = 0.25, s_b = 2 * 3 / 8 = 0.75.
    // Group Theils: T_a = 0; T_b = ((2/3) ln(2/3) + (4/3) ln(4/3)) / 2.
    // between = 0.25 ln(1/2) + 0.75 ln(3/2) = 0.75 ln 3 - ln 2            = 0.130812
    // within  = 0.75 T_b = 0.25 ln(2/3) + 0.5 ln(4/3) = 1.25 ln 2 - 0.75 ln 3 = 0.042475
    // total   = between + within = 0.25 ln 2 = theil([1, 1, 2, 4])        = 0.173287
    const d = theilDecomposition({ a: [1, 1], b: [2, 4] });
    expect(d.total).toBeCloseTo(0.25 * log(2), 12);
    expect(d.between).toBeCloseTo(0.75 * log(3) - log(2), 12);
    expect(d.within).toBeCloseTo(1.25 * log(2) - 0.75 * log(3), 12);
    expect(d.betweenShare).toBeCloseTo((0.75 * log(3) - log(2)) / (0.25 * log(2)), 12);
    const [a, b] = d.groups;
    expect(a).toMatchObject({
      key: 'a',
      n: 2,
      mean: 1,
      theil: 0,
      populationShare: 0.5,
      valueShare: 0.25,
    });
    expect(a?.between).toBeCloseTo(0.25 * log(0.5), 12);
    expect(b).toMatchObject({ key: 'b', n: 2, mean: 3, populationShare: 0.5, valueShare: 0.75 });
    expect(b?.theil).toBeCloseTo(((2 / 3) * log(2 / 3) + (4 / 3) * log(4 / 3)) / 2, 12);
  });

  it('takes a list, keys defaulting to the position', () => {
    const d = theilDecomposition([{ values: [1, 1] }, { key: 'b', values: [2, 4] }]);
    expect(d.groups.map((g) => g.key)).toEqual(['0', 'b']);
    expect(d.total).toBeCloseTo(0.25 * log(2), 12);
  });

  it('equal group means: everything is within', () => {
    const d = theilDecomposition({ desa: [1, 3], kelurahan: [2, 2] });
    expect(d.between).toBeCloseTo(0, 15);
    expect(d.within).toBeCloseTo(d.total, 15);
  });

  it('equal values inside each group: everything is between', () => {
    const d = theilDecomposition({ desa: [1, 1, 1], kelurahan: [4, 4] });
    expect(d.within).toBeCloseTo(0, 15);
    expect(d.between).toBeCloseTo(d.total, 12);
    expect(d.betweenShare).toBeCloseTo(1, 12);
  });

  it('a group of zeros adds nothing to either part', () => {
    const d = theilDecomposition({ none: [0, 0], some: [1, 3] });
    const none = d.groups[0];
    expect(none).toMatchObject({ valueShare: 0, within: 0, between: 0 });
    expect(d.between + d.within).toBeCloseTo(d.total, 12);
  });

  it('all zeros: parts 0, betweenShare null, value shares equal population shares', () => {
    const d = theilDecomposition({ a: [0], b: [0, 0, 0] });
    expect(d).toMatchObject({ total: 0, between: 0, within: 0, betweenShare: null });
    expect(d.groups.map((g) => g.valueShare)).toEqual([0.25, 0.75]);
  });

  it('between + within = total for random groups', () => {
    const group = fc.array(fc.double({ min: 0, max: 1e5, noNaN: true }), {
      minLength: 1,
      maxLength: 20,
    });
    fc.assert(
      fc.property(fc.array(group, { minLength: 1, maxLength: 8 }), (groups) => {
        const d = theilDecomposition(groups.map((values) => ({ values })));
        expect(d.between + d.within).toBeCloseTo(d.total, 9);
        expect(d.within).toBeGreaterThanOrEqual(0);
        expect(d.groups.reduce((s, g) => s + g.valueShare, 0)).toBeCloseTo(1, 9);
      }),
    );
  });

  const bad: Array<[input: Parameters<typeof theilDecomposition>[0], message: string]> = [
    [[], 'theilDecomposition: needs at least one group'],
    [{}, 'theilDecomposition: needs at least one group'],
    [{ a: [] }, 'theilDecomposition: needs at least one value of group "a"'],
    [
      { '35': [1, 2], '36': [-2] },
      'theilDecomposition: negative value -2 at index 0 of group "36"',
    ],
    [
      [
        { key: 'x', values: [1] },
        { key: 'x', values: [2] },
      ],
      'theilDecomposition: duplicate group key "x"',
    ],
  ];
  for (const [input, message] of bad) {
    it(`refuses: ${message}`, () => {
      expect(() => theilDecomposition(input)).toThrow(DivideInputError);
      expect(() => theilDecomposition(input)).toThrow(message);
    });
  }
});
