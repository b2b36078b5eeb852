import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INDEX_MEASURES } from './index-measures.js';
import { MEASURE_SCALES, roundThreshold } from './measure-scales.js';

describe('roundThreshold', () => {
  it('rounds to 0.01 on the 1-5 scales and 0.1 on the 0-100 scales, half away from zero', () => {
    const cases: Array<[Parameters<typeof roundThreshold>[0], number, number]> = [
      ['skills_index', 2.999999, 3],
      ['skills_index', 2.345, 2.35],
      ['skills_index', 2.344, 2.34],
      ['skills_index', -2.345, -2.35],
      ['skills_index', -0.001, 0],
      ['digital_culture', 3.1, 3.1],
      ['access_index', 49.96, 50],
      ['access_index', 49.94, 49.9],
      ['outcomes_index', 0.05, 0.1],
      ['access_index', 1e308, 1e308],
    ];
    for (const [measure, value, expected] of cases) {
      expect(roundThreshold(measure, value), `${measure} ${value}`).toBe(expected);
    }
    expect(Object.is(roundThreshold('skills_index', -0.001), 0)).toBe(true);
  });

  it('is idempotent, moves a value by at most half a step, and gives a short decimal', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...INDEX_MEASURES),
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        (measure, value) => {
          const step = MEASURE_SCALES[measure].thresholdStep;
          const once = roundThreshold(measure, value);
          expect(roundThreshold(measure, once)).toBe(once);
          expect(Math.abs(once - value)).toBeLessThanOrEqual(step / 2 + 1e-9 * Math.abs(value));
          expect(String(once).split('.')[1]?.length ?? 0).toBeLessThanOrEqual(
            step === 0.01 ? 2 : 1,
          );
        },
      ),
      { seed: 13, numRuns: 500 },
    );
  });
});
