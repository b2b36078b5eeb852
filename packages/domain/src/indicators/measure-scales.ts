import type { IndexMeasure } from './measure.js';

// Kept apart from measure.ts, which builds zod schemas: a browser bundle that needs only the
// scales (the dashboard's filters) then leaves zod out (sideEffects: false lets bundlers drop the
// modules nothing uses).

/**
 * The scale of each measure and the default threshold for "lagging": 3.0 on the 1-5 scales (the
 * midpoint, below which the ILD reading is weak) and 50 on the 0-100 scales (fewer than half of
 * the village's hamlets, households, services or MSMEs).
 *
 * @example
 * ```ts
 * MEASURE_SCALES.skills_index; // { min: 1, max: 5, defaultThreshold: 3 }
 * ```
 */
export const MEASURE_SCALES: Readonly<
  Record<IndexMeasure, { min: number; max: number; defaultThreshold: number }>
> = {
  skills_index: { min: 1, max: 5, defaultThreshold: 3 },
  skills_index_geometric: { min: 1, max: 5, defaultThreshold: 3 },
  access_index: { min: 0, max: 100, defaultThreshold: 50 },
  outcomes_index: { min: 0, max: 100, defaultThreshold: 50 },
  digital_skills: { min: 1, max: 5, defaultThreshold: 3 },
  digital_ethics: { min: 1, max: 5, defaultThreshold: 3 },
  digital_safety: { min: 1, max: 5, defaultThreshold: 3 },
  digital_culture: { min: 1, max: 5, defaultThreshold: 3 },
};
