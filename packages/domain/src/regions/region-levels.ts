// Zod-free, like village-kinds.ts: a browser bundle that needs only the list leaves zod out. The
// schema built from it, `RegionLevel`, is in region-level.ts.

/**
 * The four levels of Indonesia's administrative hierarchy, from the top; a level's index + 1 is
 * its number of code segments.
 *
 * @example
 * ```ts
 * REGION_LEVELS[3]; // 'village'
 * ```
 */
export const REGION_LEVELS = ['province', 'regency', 'district', 'village'] as const;
