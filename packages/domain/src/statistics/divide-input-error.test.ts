import { describe, expect, it } from 'vitest';
import { DivideInputError } from './divide-input-error.js';
import { coefficientOfVariation, williamson } from './coefficient-of-variation.js';
import { gini, weightedGini } from './gini.js';
import { lorenzCurve } from './lorenz-curve.js';
import { maxMinGap } from './max-min-gap.js';
import { mean } from './mean.js';
import { palmaRatio } from './palma-ratio.js';
import { quantile } from './quantile.js';
import { quintileGap } from './quintile-gap.js';
import { shareBelow } from './share-below.js';
import { theil } from './theil.js';

// The input rules every metric shares, checked across all of them in one table, so a new metric
// that forgets one shows up here.

type Metric = (values: number[]) => unknown;
const ones = (values: number[]): number[] => values.map(() => 1);

const all: Array<[name: string, metric: Metric]> = [
  ['mean', mean],
  ['quantile', (v) => quantile(v, 0.5)],
  ['gini', gini],
  ['weightedGini', (v) => weightedGini(v, ones(v))],
  ['theil', theil],
  ['coefficientOfVariation', coefficientOfVariation],
  ['williamson', (v) => williamson(v, ones(v))],
  ['palmaRatio', palmaRatio],
  ['quintileGap', quintileGap],
  ['maxMinGap', maxMinGap],
  ['shareBelow', (v) => shareBelow(v, 1)],
  ['lorenzCurve', lorenzCurve],
];

// Measures of inequality need a ratio scale; the others take any finite number.
const ratioScale = new Set([
  'gini',
  'weightedGini',
  'theil',
  'coefficientOfVariation',
  'williamson',
  'palmaRatio',
  'lorenzCurve',
]);

function thrown(f: () => unknown): DivideInputError {
  try {
    f();
  } catch (e) {
    if (e instanceof DivideInputError) return e;
    throw e;
  }
  throw new Error('expected a DivideInputError');
}

describe('input rules shared by every divide metric', () => {
  for (const [name, metric] of all) {
    it(`${name}: empty input throws naming the function`, () => {
      const e = thrown(() => metric([]));
      expect(e.message).toBe(`${name}: needs at least one value`);
      expect(e.fn).toBe(name);
    });

    for (const bad of [Number.NaN, Infinity, -Infinity]) {
      it(`${name}: ${bad} throws naming its index`, () => {
        const e = thrown(() => metric([1, bad, 2]));
        expect(e.message).toBe(`${name}: non-finite value ${bad} at index 1`);
        expect(e.index).toBe(1);
      });
    }

    if (ratioScale.has(name)) {
      it(`${name}: a negative value throws naming value and index`, () => {
        expect(() => metric([1, 2, -3])).toThrow(`${name}: negative value -3 at index 2`);
      });
    } else {
      it(`${name}: a negative value is accepted`, () => {
        expect(() => metric([1, 2, -3])).not.toThrow();
      });
    }

    it(`${name}: does not reorder the caller's array`, () => {
      const values = [3, 1, 2];
      metric(values);
      expect(values).toEqual([3, 1, 2]);
    });
  }
});

describe('weights', () => {
  const weighted: Array<[name: string, f: (v: number[], w: number[]) => unknown]> = [
    ['weightedGini', weightedGini],
    ['williamson', williamson],
    ['shareBelow', (v, w) => shareBelow(v, 1, w)],
  ];
  for (const [name, f] of weighted) {
    it(`${name}: a length mismatch throws`, () => {
      expect(() => f([1, 2, 3], [1, 1])).toThrow(`${name}: 2 weights for 3 values`);
    });
    it(`${name}: a negative weight throws naming its index`, () => {
      expect(() => f([1, 2], [1, -1])).toThrow(`${name}: negative weight -1 at index 1`);
    });
    it(`${name}: a NaN weight throws`, () => {
      expect(() => f([1, 2], [Number.NaN, 1])).toThrow(`${name}: non-finite weight NaN at index 0`);
    });
    it(`${name}: weights summing to 0 throw`, () => {
      expect(() => f([1, 2], [0, 0])).toThrow(`${name}: weights sum to 0`);
    });
  }
});

describe('DivideInputError', () => {
  it('is an Error with a name a log can show', () => {
    const e = new DivideInputError('gini', 'needs at least one value');
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('DivideInputError');
    expect(e.index).toBeUndefined();
  });
});
