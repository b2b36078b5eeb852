import type { TRPCRouterRecord } from '@trpc/server';
import { indexByRegion, timeseries } from '@pandu/db';
import { cachedResult } from '../result-cache.js';
import { publicProcedure } from '../trpc.js';
import { ByRegionInput, TimeseriesInput } from './inputs.js';

export const indexRouter = {
  /** Each child of `parent` (or each province): index, pillars, villages, change from the year before. */
  byRegion: publicProcedure.input(ByRegionInput).query(({ ctx, input }) =>
    cachedResult(ctx, 'index.byRegion', input, () =>
      indexByRegion(ctx.db, {
        parent: input.parent,
        year: input.year,
        measure: input.pillar,
        kind: input.kind,
      }),
    ),
  ),
  /** Per year: mean, p10, p50, p90 and n of a region's villages. */
  timeseries: publicProcedure
    .input(TimeseriesInput)
    .query(({ ctx, input }) =>
      cachedResult(ctx, 'index.timeseries', input, () =>
        timeseries(ctx.db, { code: input.code, measure: input.pillar, kind: input.kind }),
      ),
    ),
} satisfies TRPCRouterRecord;
