// Zod-free, like measure-scales.ts: a browser bundle that needs only the list leaves zod out. The
// schema built from it, `IndexMeasure`, is in measure.ts.

/**
 * Every measure a map, ranking or divide figure can be computed on, in display order: the three
 * composite levels and the four ILD pillars; see `IndexMeasure`.
 *
 * @example
 * ```ts
 * INDEX_MEASURES[0]; // 'skills_index'
 * ```
 */
export const INDEX_MEASURES = [
  'skills_index',
  'skills_index_geometric',
  'access_index',
  'outcomes_index',
  'digital_skills',
  'digital_ethics',
  'digital_safety',
  'digital_culture',
] as const;
