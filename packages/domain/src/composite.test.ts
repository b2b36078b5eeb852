import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Aggregation,
  CompositeInputError,
  CompositeOptions,
  compositeIndex,
  distanceToReference,
  minMax,
  skillsIndex,
  zScore,
} from './composite.js';
import { indicatorById } from './indicators/framework.js';

function thrown(f: () => unknown): CompositeInputError {
  try {
    f();
  } catch (e) {
    if (e instanceof CompositeInputError) return e;
    throw e;
  }
  throw new Error('expected a CompositeInputError');
}

describe('minMax', () => {
  const cases: Array<
    [
      values: Array<number | null>,
      options: Parameters<typeof minMax>[1],
      expected: Array<number | null>,
    ]
  > = [
    [[20, 60, 100], {}, [0, 0.5, 1]],
    [[20, 60, 100], { scale: 100 }, [0, 50, 100]],
    [[1, 3, null, 5], { min: 1, max: 5, scale: 100 }, [0, 50, null, 100]],
    [[10, 30], { min: 0, max: 40, direction: 'lower_is_better' }, [0.75, 0.25]],
    [[20, 60, 100], { direction: 'lower_is_better' }, [1, 0.5, 0]],
    [[-10, 50, 120], { min: 0, max: 100 }, [-0.1, 0.5, 1.2]],
    [[-10, 50, 120], { min: 0, max: 100, clamp: true }, [0, 0.5, 1]],
    [[4, 4], { min: 0, max: 8 }, [0.5, 0.5]],
    [[2, 6], { min: 0 }, [1 / 3, 1]],
    [[], {}, []],
    [[null, null], {}, [null, null]],
  ];
  for (const [values, options, expected] of cases) {
    it(`${JSON.stringify(values)} with ${JSON.stringify(options)} -> ${JSON.stringify(expected)}`, () => {
      const got = minMax(values, options);
      expect(got).toHaveLength(expected.length);
      got.forEach((v, i) => {
        const e = expected[i];
        if (e === null || e === undefined) expect(v).toBeNull();
        else expect(v).toBeCloseTo(e, 12);
      });
    });
  }

  it('undefined is missing too, and comes back as null', () => {
    expect(minMax([0, undefined, 10])).toEqual([0, null, 1]);
  });

  it("uses an indicator's range and direction as goalposts", () => {
    const { range, direction } = indicatorById('digital_safety');
    expect(minMax([1, 3.24, 5], { ...range, direction })).toEqual([0, 0.56, 1]);
  });

  it('constant input without goalposts throws, suggesting goalposts', () => {
    const e = thrown(() => minMax([3, 3, null, 3]));
    expect(e.message).toBe(
      "minMax: all values equal 3 (min == max), nothing to scale; pass min and max, e.g. the indicator's range",
    );
  });

  const bad: Array<
    [values: Array<number | null>, options: Parameters<typeof minMax>[1], message: string]
  > = [
    [[1, 2], { min: 5, max: 5 }, 'minMax: min 5 must be below max 5'],
    [[1, 2], { min: 6, max: 5 }, 'minMax: min 6 must be below max 5'],
    [[1, Number.NaN], {}, 'minMax: non-finite value NaN at index 1; use null for a missing value'],
    [[1, 2], { min: Number.NaN }, 'minMax: min must be a finite number, got NaN'],
    [[1, 2], { scale: 10 as 1 }, 'minMax: scale must be 1 or 100, got 10'],
  ];
  for (const [values, options, message] of bad) {
    it(`refuses: ${message}`, () => {
      expect(() => minMax(values, options)).toThrow(message);
    });
  }

  it('maps the observed range onto [0, scale] and keeps the order', () => {
    fc.assert(
      fc.property(
        // Sevenths of integers: realistic spacing. Values a few ulps apart (subnormals) can round to
        // the same scaled value, so strict order would not survive floating point there.
        fc.array(
          fc.integer({ min: -1e6, max: 1e6 }).map((i) => i / 7),
          { minLength: 2, maxLength: 40 },
        ),
        (values) => {
          fc.pre(new Set(values).size > 1);
          const scaled = minMax(values);
          expect(Math.min(...scaled)).toBe(0);
          expect(Math.max(...scaled)).toBe(1);
          for (let i = 1; i < values.length; i++) {
            expect(Math.sign(scaled[i]! - scaled[i - 1]!)).toBe(
              Math.sign(values[i]! - values[i - 1]!),
            );
          }
        },
      ),
    );
  });
});

describe('zScore', () => {
  it('standardises with the population sd', () => {
    // mean 5, population sd 2.
    expect(zScore([2, 4, 4, 4, 5, 5, 7, 9])).toEqual([-1.5, -0.5, -0.5, -0.5, 0, 0, 1, 2]);
  });

  it('passes missing values through and leaves them out of mean and sd', () => {
    expect(zScore([1, null, 3, undefined])).toEqual([-1, null, 1, null]);
  });

  it('lower_is_better flips the sign', () => {
    expect(zScore([1, 3], { direction: 'lower_is_better' })).toEqual([1, -1]);
  });

  it('constant input throws', () => {
    expect(() => zScore([2, 2, null])).toThrow(
      'zScore: all values equal 2 (standard deviation 0), nothing to standardise',
    );
    expect(() => zScore([7])).toThrow(CompositeInputError);
  });

  it('empty or all missing: nothing to do', () => {
    expect(zScore([])).toEqual([]);
    expect(zScore([null])).toEqual([null]);
  });

  it('has mean 0 and population sd 1', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 2, maxLength: 40 }),
        (values) => {
          fc.pre(new Set(values).size > 1);
          const z = zScore(values);
          const m = z.reduce((a, b) => a + b, 0) / z.length;
          const variance = z.reduce((a, b) => a + (b - m) ** 2, 0) / z.length;
          expect(m).toBeCloseTo(0, 9);
          expect(variance).toBeCloseTo(1, 9);
        },
      ),
    );
  });
});

describe('distanceToReference', () => {
  const cases: Array<
    [
      values: Array<number | null>,
      reference: number,
      options: Parameters<typeof distanceToReference>[2],
      expected: Array<number | null>,
    ]
  > = [
    [[60, 120, 150], 120, {}, [0.5, 1, 1]],
    [[60, 150], 120, { cap: false, scale: 100 }, [50, 125]],
    [[0, null, 50], 100, { scale: 100 }, [0, null, 50]],
  ];
  for (const [values, reference, options, expected] of cases) {
    it(`${JSON.stringify(values)} / ${reference} with ${JSON.stringify(options)}`, () => {
      expect(distanceToReference(values, reference, options)).toEqual(expected);
    });
  }

  const bad: Array<[values: number[], reference: number, message: string]> = [
    [[1], 0, 'distanceToReference: reference must be a positive number, got 0'],
    [[1], -5, 'distanceToReference: reference must be a positive number, got -5'],
    [[1, -2], 10, 'distanceToReference: negative value -2 at index 1'],
    [
      [Infinity],
      10,
      'distanceToReference: non-finite value Infinity at index 0; use null for a missing value',
    ],
  ];
  for (const [values, reference, message] of bad) {
    it(`refuses: ${message}`, () => {
      expect(() => distanceToReference(values, reference)).toThrow(message);
    });
  }
});

describe('compositeIndex', () => {
  // ITU IDI weights, as BPS uses them for IP-TIK: access 0.4, use 0.4, skills 0.2.
  const weights = { access: 0.4, use: 0.4, skills: 0.2 };

  it('reproduces the published IP-TIK from its sub-indices', () => {
    // shared/reference/iptik-national.csv: year, published index, access, use, skills.
    const published: Array<
      [year: number, index: number, access: number, use: number, skills: number]
    > = [
      [2017, 4.99, 5.16, 4.44, 5.75],
      [2019, 5.32, 5.53, 4.85, 5.84],
      [2020, 5.59, 5.67, 5.34, 5.92],
      [2023, 5.9, 5.81, 5.91, 6.04],
    ];
    for (const [year, index, access, use, skills] of published) {
      const r = compositeIndex({ access, use, skills }, { weights, aggregation: 'arithmetic' });
      expect(r.value?.toFixed(2), String(year)).toBe(index.toFixed(2));
      expect(r).toMatchObject({ used: 3, missing: [], weightUsed: 1 });
    }
  });

  it('weights are relative: 2:1 is 2/3:1/3', () => {
    const a = compositeIndex(
      { x: 3, y: 6 },
      { weights: { x: 2, y: 1 }, aggregation: 'arithmetic' },
    );
    expect(a.value).toBeCloseTo(4, 12);
  });

  it('geometric: weighted product of powers', () => {
    const r = compositeIndex({ x: 2, y: 8 }, { weights: { x: 1, y: 1 }, aggregation: 'geometric' });
    expect(r.value).toBeCloseTo(4, 12);
    const w = compositeIndex(
      { x: 2, y: 16 },
      { weights: { x: 3, y: 1 }, aggregation: 'geometric' },
    );
    expect(w.value).toBeCloseTo(2 ** 0.75 * 16 ** 0.25, 12);
  });

  describe('missing values', () => {
    it('by default any missing component gives null, and says which', () => {
      const r = compositeIndex(
        { access: 5.81, use: null, skills: 6.04 },
        { weights, aggregation: 'arithmetic' },
      );
      expect(r.value).toBeNull();
      expect(r.used).toBe(2);
      expect(r.missing).toEqual(['use']);
      expect(r.weightUsed).toBeCloseTo(0.6, 12);
    });

    it('an absent key or undefined is missing too', () => {
      const r = compositeIndex(
        { access: 5.81, skills: undefined },
        { weights, aggregation: 'arithmetic' },
      );
      expect(r).toMatchObject({ value: null, used: 1, missing: ['use', 'skills'] });
    });

    it('reweight: the present components with rescaled weights, and the weight used', () => {
      const r = compositeIndex(
        { access: 5.81, use: null, skills: 6.04 },
        { weights, aggregation: 'arithmetic', onMissing: 'reweight' },
      );
      expect(r.value).toBeCloseTo((0.4 * 5.81 + 0.2 * 6.04) / 0.6, 12);
      expect(r.missing).toEqual(['use']);
      expect(r.weightUsed).toBeCloseTo(0.6, 12);
    });

    it('reweight gives null below minComponents', () => {
      const options = {
        weights,
        aggregation: 'arithmetic',
        onMissing: 'reweight',
        minComponents: 2,
      } as const;
      expect(compositeIndex({ access: 5 }, options)).toMatchObject({ value: null, used: 1 });
      expect(compositeIndex({ access: 5, use: 6 }, options).value).toBeCloseTo(5.5, 12);
    });

    it('reweight with nothing present gives null', () => {
      const r = compositeIndex({}, { weights, aggregation: 'geometric', onMissing: 'reweight' });
      expect(r).toEqual({
        value: null,
        used: 0,
        missing: ['access', 'use', 'skills'],
        weightUsed: 0,
      });
    });

    it('a component of weight 0 is left out, never missing', () => {
      const r = compositeIndex({ a: 2 }, { weights: { a: 1, b: 0 }, aggregation: 'arithmetic' });
      expect(r).toEqual({ value: 2, used: 1, missing: [], weightUsed: 1 });
    });
  });

  it('geometric refuses a value <= 0, naming the component', () => {
    const e = thrown(() =>
      compositeIndex(
        { access: 0, use: 1 },
        { weights: { access: 1, use: 1 }, aggregation: 'geometric' },
      ),
    );
    expect(e.message).toBe(
      'compositeIndex: geometric aggregation needs positive values, component "access" is 0',
    );
    expect(e.component).toBe('access');
    expect(() =>
      compositeIndex({ a: -1 }, { weights: { a: 1 }, aggregation: 'geometric' }),
    ).toThrow('component "a" is -1');
  });

  const bad: Array<
    [scores: Record<string, number | null>, options: CompositeOptions, message: string]
  > = [
    [
      { acess: 1 },
      { weights, aggregation: 'arithmetic' },
      'compositeIndex: score for unknown component "acess" (weights name: access, use, skills)',
    ],
    [
      { access: Number.NaN },
      { weights, aggregation: 'arithmetic' },
      'compositeIndex: component "access" is NaN; use null for a missing value',
    ],
    [
      {},
      { weights: { a: -1, b: 2 }, aggregation: 'arithmetic' },
      'compositeIndex: weight of "a" must be a non-negative number, got -1',
    ],
    [
      {},
      { weights: { a: 0 }, aggregation: 'arithmetic' },
      'compositeIndex: weights need at least one positive weight',
    ],
    [
      {},
      { weights: {}, aggregation: 'arithmetic' },
      'compositeIndex: weights need at least one positive weight',
    ],
    [
      {},
      { weights, aggregation: 'harmonic' as 'arithmetic' },
      'compositeIndex: unknown aggregation: harmonic (known: arithmetic, geometric)',
    ],
    [
      {},
      { weights, aggregation: 'arithmetic', onMissing: 'zero' as 'null' },
      'compositeIndex: unknown onMissing: zero (known: null, reweight)',
    ],
    [
      {},
      { weights, aggregation: 'arithmetic', minComponents: 4 },
      'compositeIndex: minComponents must be an integer from 1 to 3, got 4',
    ],
  ];
  for (const [scores, options, message] of bad) {
    it(`refuses: ${message}`, () => {
      expect(() => compositeIndex(scores, options)).toThrow(message);
    });
  }

  it('the geometric composite is never above the arithmetic one', () => {
    const positive = fc.double({ min: 1e-3, max: 1e3, noNaN: true });
    const weight = fc.double({ min: 0.01, max: 10, noNaN: true });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(positive, weight), { minLength: 1, maxLength: 10 }),
        (parts) => {
          const scores = Object.fromEntries(parts.map(([x], i) => [`c${i}`, x]));
          const w = Object.fromEntries(parts.map(([, wi], i) => [`c${i}`, wi]));
          const arithmetic = compositeIndex(scores, {
            weights: w,
            aggregation: 'arithmetic',
          }).value!;
          const geometric = compositeIndex(scores, { weights: w, aggregation: 'geometric' }).value!;
          expect(geometric).toBeLessThanOrEqual(arithmetic * (1 + 1e-12));
        },
      ),
    );
  });

  it('a composite of equal components is that value, either way', () => {
    for (const aggregation of Aggregation.options) {
      const r = compositeIndex(
        { a: 3, b: 3, c: 3 },
        { weights: { a: 1, b: 2, c: 3 }, aggregation },
      );
      expect(r.value).toBeCloseTo(3, 12);
    }
  });
});

describe('CompositeOptions', () => {
  it('accepts what compositeIndex accepts', () => {
    const options = {
      weights: { access: 0.4, use: 0.4, skills: 0.2 },
      aggregation: 'geometric',
      onMissing: 'reweight',
      minComponents: 2,
    };
    expect(CompositeOptions.parse(options)).toEqual(options);
  });

  it('refuses what compositeIndex refuses', () => {
    for (const bad of [
      { weights: { a: 1 }, aggregation: 'harmonic' },
      { weights: { a: -1 }, aggregation: 'arithmetic' },
      { weights: { a: 0 }, aggregation: 'arithmetic' },
      { weights: {}, aggregation: 'arithmetic' },
      { weights: { a: 1 } },
      { weights: { a: 1 }, aggregation: 'arithmetic', onMissing: 'zero' },
      { weights: { a: 1 }, aggregation: 'arithmetic', minComponents: 0 },
    ]) {
      expect(CompositeOptions.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});

describe('skillsIndex', () => {
  // shared/reference/ild-national.csv (Katadata, Status Literasi Digital Indonesia 2022 and 2023).
  const ild: Array<
    [year: number, published: number, pillars: [number, number, number, number | null]]
  > = [
    [2020, 3.46, [3.34, 3.72, 3.24, 3.55]],
    [2021, 3.49, [3.44, 3.53, 3.1, 3.9]],
    [2022, 3.54, [3.52, 3.68, 3.12, 3.84]],
    [2023, 3.65, [3.5, 3.99, 3.29, null]], // culture pillar not published
  ];
  const scores = ([skills, ethics, safety, culture]: [number, number, number, number | null]) => ({
    digital_skills: skills,
    digital_ethics: ethics,
    digital_safety: safety,
    digital_culture: culture,
  });

  for (const [year, published, pillars] of ild.filter(([, , p]) => p[3] !== null)) {
    it(`the equal-weight mean reproduces the published ILD ${year} (${published})`, () => {
      const r = skillsIndex(scores(pillars));
      expect(r.value?.toFixed(2)).toBe(published.toFixed(2));
      expect(r).toMatchObject({ used: 4, missing: [], weightUsed: 1 });
    });
  }

  it('2023, culture unpublished: null by default, because reweighting would not give 3.65', () => {
    const [, published, pillars] = ild[3]!;
    expect(skillsIndex(scores(pillars))).toEqual({
      value: null,
      used: 3,
      missing: ['digital_culture'],
      weightUsed: 0.75,
    });
    const reweighted = skillsIndex(scores(pillars), { onMissing: 'reweight' });
    expect(reweighted.value).toBeCloseTo((3.5 + 3.99 + 3.29) / 3, 12); // 3.593
    expect(reweighted.value?.toFixed(2)).not.toBe(published.toFixed(2));
  });

  it('geometric penalises uneven pillars', () => {
    const even = skillsIndex(scores([3.5, 3.5, 3.5, 3.5]), { aggregation: 'geometric' });
    const uneven = skillsIndex(scores([2, 5, 2, 5]), { aggregation: 'geometric' });
    expect(even.value).toBeCloseTo(3.5, 12);
    expect(uneven.value).toBeCloseTo(Math.sqrt(10), 12);
    expect(skillsIndex(scores([2, 5, 2, 5])).value).toBe(3.5);
  });

  it('custom weights', () => {
    const r = skillsIndex(scores([2, 4, 4, 4]), {
      weights: { digital_skills: 2, digital_ethics: 1, digital_safety: 1, digital_culture: 0 },
    });
    expect(r.value).toBeCloseTo(3, 12);
  });

  const bad: Array<[pillars: Record<string, number>, message: string]> = [
    [{ digital_skills: 7 }, 'skillsIndex: digital_skills must be between 1 and 5, got 7'],
    [{ digital_safety: 0.5 }, 'skillsIndex: digital_safety must be between 1 and 5, got 0.5'],
    [
      { digital_ethics: Number.NaN },
      'skillsIndex: digital_ethics must be between 1 and 5, got NaN',
    ],
    [
      { cakap: 3 },
      'skillsIndex: unknown pillar "cakap" (known: digital_skills, digital_ethics, digital_safety, digital_culture)',
    ],
  ];
  for (const [pillars, message] of bad) {
    it(`refuses: ${message}`, () => {
      expect(() => skillsIndex(pillars)).toThrow(message);
    });
  }

  it('errors from the aggregation name skillsIndex', () => {
    expect(() => skillsIndex({}, { minComponents: 5 })).toThrow(
      'skillsIndex: minComponents must be an integer from 1 to 4, got 5',
    );
  });
});
