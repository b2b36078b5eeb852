import type { TRPCRouterRecord } from '@trpc/server';
import { villageProfile } from '@pandu/db';
import { cachedResult } from '../result-cache.js';
import { publicProcedure } from '../trpc.js';
import { VillageInput } from './inputs.js';

export const villagesRouter = {
  /** A village: ancestors, values per indicator and year beside its district, regency and nation, rank, mentoring. */
  profile: publicProcedure
    .input(VillageInput)
    .query(({ ctx, input }) =>
      cachedResult(ctx, 'villages.profile', input, () => villageProfile(ctx.db, input)),
    ),
} satisfies TRPCRouterRecord;
