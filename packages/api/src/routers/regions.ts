import type { TRPCRouterRecord } from '@trpc/server';
import {
  getRegion,
  GetRegionInput,
  regionChildren,
  searchRegions,
  SearchRegionsInput,
} from '@pandu/db';
import { cachedResult } from '../result-cache.js';
import { publicProcedure } from '../trpc.js';
import { RegionChildrenApiInput } from './inputs.js';

export const regionsRouter = {
  /** One region with its ancestors and number of villages. */
  get: publicProcedure
    .input(GetRegionInput)
    .query(({ ctx, input }) =>
      cachedResult(ctx, 'regions.get', input, () => getRegion(ctx.db, input)),
    ),
  /** The children of a region; without a code, the 38 provinces. */
  children: publicProcedure
    .input(RegionChildrenApiInput)
    .query(({ ctx, input }) =>
      cachedResult(ctx, 'regions.children', input, () => regionChildren(ctx.db, input)),
    ),
  /**
   * Regions and villages by name, forgiving typos, abbreviations (Jatim, kab) and words across a
   * place and its ancestors (Plosorejo Blitar); higher levels first among equal matches.
   */
  search: publicProcedure
    .input(SearchRegionsInput)
    .query(({ ctx, input }) =>
      cachedResult(ctx, 'regions.search', input, () => searchRegions(ctx.db, input)),
    ),
} satisfies TRPCRouterRecord;
