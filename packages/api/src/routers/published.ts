import type { TRPCRouterRecord } from '@trpc/server';
import { publishedFigures } from '@pandu/db';
import { cachedResult } from '../result-cache.js';
import { publicProcedure } from '../trpc.js';
import { PublishedListApiInput } from './inputs.js';

export const publishedRouter = {
  /**
   * The published national and provincial figures (ILD, IP-TIK, IMDI) with their citations, source
   * kind `published`, to show beside the synthetic village data. Province codes as published.
   */
  list: publicProcedure
    .input(PublishedListApiInput)
    .query(({ ctx, input }) =>
      cachedResult(ctx, 'published.list', input, () => publishedFigures(ctx.db, input)),
    ),
} satisfies TRPCRouterRecord;
