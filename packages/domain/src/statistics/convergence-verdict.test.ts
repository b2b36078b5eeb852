import { describe, expect, it } from 'vitest';
import {
  CONVERGENCE_MIN_VILLAGES,
  convergenceVerdict,
  type ConvergenceVerdict,
  type SlopeTest,
} from './convergence-verdict.js';

describe('convergenceVerdict', () => {
  it('needs significance, agreement and enough villages', () => {
    const cases: Array<[SlopeTest[], number, ConvergenceVerdict]> = [
      [[{ slope: -0.002, pValue: 0.001 }], 100, 'converging'],
      [[{ slope: 0.002, pValue: 0.01 }], 100, 'diverging'],
      // Regression: 35.10.17 was called converging with p = 0.92 and 6 villages.
      [[{ slope: -0.002, pValue: 0.92 }], 6, 'too-few-villages'],
      [[{ slope: -0.002, pValue: 0.92 }], 100, 'no-clear-trend'],
      // Significant but with too few villages: still too few.
      [[{ slope: -0.002, pValue: 0.001 }], CONVERGENCE_MIN_VILLAGES - 1, 'too-few-villages'],
      [[{ slope: -0.002, pValue: 0.001 }], CONVERGENCE_MIN_VILLAGES, 'converging'],
      // Exactly 5 % is not below 5 %.
      [[{ slope: -0.002, pValue: 0.05 }], 100, 'no-clear-trend'],
      // Two points: no test, no verdict either way.
      [[{ slope: -0.002, pValue: null }], 100, 'no-clear-trend'],
      // CV and Gini must agree, both significant.
      [
        [
          { slope: -0.002, pValue: 0.001 },
          { slope: -0.001, pValue: 0.2 },
        ],
        100,
        'no-clear-trend',
      ],
      [
        [
          { slope: -0.002, pValue: 0.001 },
          { slope: 0.001, pValue: 0.001 },
        ],
        100,
        'no-clear-trend',
      ],
      [
        [
          { slope: -0.002, pValue: 0.001 },
          { slope: -0.001, pValue: 0.04 },
        ],
        100,
        'converging',
      ],
      [[], 100, 'no-clear-trend'],
    ];
    for (const [tests, villages, verdict] of cases) {
      expect(convergenceVerdict(tests, villages), JSON.stringify({ tests, villages })).toBe(
        verdict,
      );
    }
  });
});
