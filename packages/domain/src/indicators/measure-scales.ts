import type { IndexMeasure } from './measure.js';

// Kept apart from measure.ts, which builds zod schemas: a browser bundle that needs only the
// scales (the dashboard's filters) then leaves zod out (sideEffects: false lets bundlers drop the
// modules nothing uses).

/**
 * The scale of each measure, the default threshold for "lagging" and the step a threshold is
 * rounded to. The default is 3.0 on the 1-5 scales (the midpoint, below which the ILD reading is
 * weak) and 50 on the 0-100 scales (fewer than half of the village's hamlets, households,
 * services or MSMEs). The step is a four-hundredth of the 1-5 scales (0.01) and a thousandth of
 * the 0-100 ones (0.1): finer than any reading of a "lagging" line, coarse enough that a
 * slider's float noise (2.9999999) does not make a new question.
 *
 * @example
 * ```ts
 * MEASURE_SCALES.skills_index; // { min: 1, max: 5, defaultThreshold: 3, thresholdStep: 0.01 }
 * ```
 */
export const MEASURE_SCALES: Readonly<
  Record<
    IndexMeasure,
    { min: number; max: number; defaultThreshold: number; thresholdStep: 0.01 | 0.1 }
  >
> = {
  skills_index: { min: 1, max: 5, defaultThreshold: 3, thresholdStep: 0.01 },
  skills_index_geometric: { min: 1, max: 5, defaultThreshold: 3, thresholdStep: 0.01 },
  access_index: { min: 0, max: 100, defaultThreshold: 50, thresholdStep: 0.1 },
  outcomes_index: { min: 0, max: 100, defaultThreshold: 50, thresholdStep: 0.1 },
  digital_skills: { min: 1, max: 5, defaultThreshold: 3, thresholdStep: 0.01 },
  digital_ethics: { min: 1, max: 5, defaultThreshold: 3, thresholdStep: 0.01 },
  digital_safety: { min: 1, max: 5, defaultThreshold: 3, thresholdStep: 0.01 },
  digital_culture: { min: 1, max: 5, defaultThreshold: 3, thresholdStep: 0.01 },
};

/**
 * `threshold` rounded to the measure's {@link MEASURE_SCALES} step, half away from zero, as the
 * shortest decimal (2.345 on a 1-5 scale is 2.35, not 2.3500000000000001). A value too large to
 * round (beyond 1e300) is returned as it is.
 *
 * @example
 * ```ts
 * roundThreshold('skills_index', 2.999999); // 3
 * roundThreshold('access_index', 49.96); // 50
 * ```
 */
export function roundThreshold(measure: IndexMeasure, threshold: number): number {
  const perUnit = Math.round(1 / MEASURE_SCALES[measure].thresholdStep);
  const scaled = threshold * perUnit;
  if (!Number.isFinite(scaled)) return threshold;
  // Math.round rounds half up (-2.5 to -2); rounding the magnitude keeps it symmetric. The
  // scaled value goes through its shortest decimal first, so 2.345 * 100 = 234.49999999999997
  // rounds as the 234.5 it stands for.
  const magnitude = Math.round(Number(Math.abs(scaled).toPrecision(15)));
  const rounded = (Math.sign(scaled) * magnitude) / perUnit;
  // -0 and 0 are the same threshold.
  return rounded === 0 ? 0 : rounded;
}
