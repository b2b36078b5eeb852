import { z } from 'zod';
import { MEASURE_SCALES, type IndexMeasure } from '@pandu/domain';
import { QueryInputError } from './query-input-error.js';

// Field schemas several query inputs share. The closed lists (measures, kinds, sectors) and the
// year range are the domain's; these are the bounds that keep one request small.

/** Most rows a client can ask a list for. */
export const QUERY_LIMIT_MAX = 100;

/** How many rows a list returns: an integer from 1 to {@link QUERY_LIMIT_MAX}. */
export const QueryLimit = z.number().int().min(1).max(QUERY_LIMIT_MAX);

/** A "lagging" cut-off in the measure's unit; any finite number. */
export const Threshold = z.number().finite();

/**
 * The threshold a query uses for a measure: the one asked for, which must lie on the measure's
 * scale (a threshold of 9 on the 1-5 skills index would call every village lagging), or the
 * measure's default. Throws {@link QueryInputError} naming `threshold` and the scale.
 *
 * @example
 * ```ts
 * measureThreshold('skills_index', undefined); // 3
 * measureThreshold('skills_index', 9); // throws: invalid threshold: must be on the scale of skills_index, 1 to 5; got 9
 * ```
 */
export function measureThreshold(measure: IndexMeasure, threshold: number | undefined): number {
  const scale = MEASURE_SCALES[measure];
  if (threshold === undefined) return scale.defaultThreshold;
  if (threshold < scale.min || threshold > scale.max) {
    throw new QueryInputError(
      'threshold',
      `must be on the scale of ${measure}, ${scale.min} to ${scale.max}; got ${threshold}`,
    );
  }
  return threshold;
}
