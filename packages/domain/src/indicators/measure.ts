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
