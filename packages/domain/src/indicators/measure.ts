import { z } from 'zod';

/**
 * What a map, ranking or divide figure is computed on: one of the three composite levels, or one
 * ILD pillar. `skills_index` is the equal-weight arithmetic mean of the four pillars (1-5, as the
 * ILD publishes it); `skills_index_geometric` their geometric mean, which penalises imbalance;
 * `access_index` and `outcomes_index` are means of their indicators (0-100).
 *
 * @example
 * ```ts
 * IndexMeasure.parse('digital_safety'); // 'digital_safety'
 * ```
 */
export const IndexMeasure = z.enum([
  'skills_index',
  'skills_index_geometric',
  'access_index',
  'outcomes_index',
  'digital_skills',
  'digital_ethics',
  'digital_safety',
  'digital_culture',
]);
export type IndexMeasure = z.infer<typeof IndexMeasure>;

/** Every measure, in display order. @example `INDEX_MEASURES[0] // 'skills_index'` */
export const INDEX_MEASURES: readonly IndexMeasure[] = IndexMeasure.options;

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
