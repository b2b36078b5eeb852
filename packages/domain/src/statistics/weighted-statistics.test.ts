import { describe, expect, it } from 'vitest';
import { DivideInputError } from './divide-input-error.js';
import { FigureWeight } from './figure-weight.js';
import { mean } from './mean.js';
import { theil } from './theil.js';
import { weightedMean } from './weighted-mean.js';
import { weightedQuantile } from './weighted-quantile.js';
import { weightedTheil } from './weighted-theil.js';

// With integer weights, a weighted statistic is the unweighted one of the values repeated that
// many times: the independent check used throughout.
const repeat = (values: number[], weights: number[]) =>
  values.flatMap((y, i) => Array.from({ length: weights[i] ?? 0 }, () => y));

// Inverse empirical distribution (type 1) over a plain list, written as its definition.
const inverseEcdf = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const k = Math.max(1, Math.ceil(p * n - 1e-9));
  return sorted[k - 1] ?? Number.NaN;
};

const CASES: Array<{ values: number[]; weights: number[] }> = [
  { values: [1, 3], weights: [3, 1] },
  { values: [3.2, 2.9, 4.1, 3.7, 3.3], weights: [5, 1, 2, 7, 3] },
  { values: [0, 0.5, 2, 2, 9], weights: [1, 4, 2, 2, 1] },
  { values: [4.4], weights: [6] },
];

describe('weighted statistics', () => {
  it('weightedMean and weightedTheil equal the unweighted ones of repeated values', () => {
    for (const { values, weights } of CASES) {
      const expanded = repeat(values, weights);
      expect(weightedMean(values, weights)).toBeCloseTo(mean(expanded), 12);
      expect(weightedTheil(values, weights)).toBeCloseTo(theil(expanded), 12);
    }
  });

  it('weightedQuantile is the inverse empirical distribution of repeated values', () => {
    for (const { values, weights } of CASES) {
      const expanded = repeat(values, weights);
      for (const p of [0, 0.1, 0.25, 0.5, 0.75, 0.9, 1]) {
        expect(weightedQuantile(values, weights, p)).toBe(inverseEcdf(expanded, p));
      }
    }
  });

  it('scaling every weight changes nothing', () => {
    const { values, weights } = CASES[1]!;
    const scaled = weights.map((w) => w * 123_456.789);
    expect(weightedMean(values, scaled)).toBeCloseTo(weightedMean(values, weights), 12);
    expect(weightedTheil(values, scaled)).toBeCloseTo(weightedTheil(values, weights), 12);
    for (const p of [0.1, 0.5, 0.9]) {
      expect(weightedQuantile(values, scaled, p)).toBe(weightedQuantile(values, weights, p));
    }
  });

  it('a zero weight drops its value', () => {
    expect(weightedQuantile([100, 1, 2], [0, 1, 1], 0)).toBe(1);
    expect(weightedMean([100, 1, 2], [0, 1, 1])).toBe(1.5);
  });

  it('refuses bad input, naming itself', () => {
    expect(() => weightedMean([1, 2], [1])).toThrow('weightedMean: 1 weights for 2 values');
    expect(() => weightedQuantile([1], [1], 2)).toThrow(DivideInputError);
    expect(() => weightedTheil([-1], [1])).toThrow('weightedTheil: negative value');
    expect(() => weightedMean([1], [0])).toThrow('weights sum to 0');
  });

  it('FigureWeight is village or people', () => {
    expect(FigureWeight.options).toEqual(['village', 'people']);
    expect(FigureWeight.safeParse('households').success).toBe(false);
  });
});
