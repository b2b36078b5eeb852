import { z } from 'zod';

// Field schemas several query inputs share. The closed lists (measures, kinds, sectors) and the
// year range are the domain's; these are the bounds that keep one request small.

/** Most rows a client can ask a list for. */
export const QUERY_LIMIT_MAX = 100;

/** How many rows a list returns: an integer from 1 to {@link QUERY_LIMIT_MAX}. */
export const QueryLimit = z.number().int().min(1).max(QUERY_LIMIT_MAX);

/** A "lagging" cut-off in the measure's unit; any finite number. */
export const Threshold = z.number().finite();
