import type { TRPCRouterRecord } from '@trpc/server';
import { indexByRegion, storedIndexByRegion, storedTimeseries, timeseries } from '@pandu/db';
import { coverageOptions } from '../coverage-options.js';
import { cachedResult } from '../result-cache.js';
import { publicProcedure } from '../trpc.js';
import { IndexByRegionApiInput, TimeseriesApiInput } from './inputs.js';

export const indexRouter = {
  /**
   * Each child of `code` (or each province): index, pillars, villages, change from the year before;
   * `weight: 'people'` gives the provinces people-weighted means (on demand, not stored).
   */
  byRegion: publicProcedure
    .input(IndexByRegionApiInput)
    .query(({ ctx, input }) =>
      cachedResult(
        ctx,
        'index.byRegion',
        input,
        async () => (await storedIndexByRegion(ctx.db, input)) ?? indexByRegion(ctx.db, input),
      ),
    ),
  /**
   * Per year: mean, p10, p50, p90 and n of a region's villages, the share of them with a value
   * (`coverage`) and whether the year is complete (a partial year is listed, marked);
   * `weight: 'people'` weighs villages by people (on demand, not stored).
   */
  timeseries: publicProcedure
    .input(TimeseriesApiInput)
    .query(({ ctx, input }) =>
      cachedResult(
        ctx,
        'index.timeseries',
        input,
        async () =>
          (await storedTimeseries(ctx.db, input, coverageOptions(ctx))) ??
          timeseries(ctx.db, input, coverageOptions(ctx)),
      ),
    ),
} satisfies TRPCRouterRecord;
