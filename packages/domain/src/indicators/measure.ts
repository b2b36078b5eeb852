import { z } from 'zod';
import { INDEX_MEASURES } from './index-measures.js';

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
export const IndexMeasure = z.enum(INDEX_MEASURES);
export type IndexMeasure = z.infer<typeof IndexMeasure>;
