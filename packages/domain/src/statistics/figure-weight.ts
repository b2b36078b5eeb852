import { z } from 'zod';

/**
 * How a region's figures weigh its villages: `village` gives each village weight 1 (the figures
 * describe villages); `people` gives each village its regency's population divided by the number
 * of the regency's villages with a value (the figures describe residents, approximately: the
 * population of a single village is not published, so the villages of one regency share its
 * population equally). Within one regency both give the same figures.
 *
 * @example
 * ```ts
 * FigureWeight.parse('people'); // 'people'
 * ```
 */
export const FigureWeight = z.enum(['village', 'people']);
export type FigureWeight = z.infer<typeof FigureWeight>;

/** The weighting used when none is asked for. */
export const DEFAULT_FIGURE_WEIGHT: FigureWeight = 'village';
