import type { TRPCRouterRecord } from '@trpc/server';
import {
  nationalMeans,
  storedVillageProfile,
  villageProfile,
  VillageProfileInput,
} from '@pandu/db';
import { coverageOptions } from '../coverage-options.js';
import { cachedResult } from '../result-cache.js';
import { publicProcedure } from '../trpc.js';

export const villagesRouter = {
  /** A village: ancestors, values per indicator and year beside its district, regency and nation, rank (in the latest complete year), mentoring. */
  profile: publicProcedure.input(VillageProfileInput).query(({ ctx, input }) =>
    cachedResult(
      ctx,
      'villages.profile',
      input,
      // The stored figures when fresh (a few lookups), else the on-demand query.
      async () =>
        (await storedVillageProfile(ctx.db, input, coverageOptions(ctx))) ??
        villageProfile(ctx.db, input, {
          ...coverageOptions(ctx),
          // The same for every village: computed once per data version, in the one cache.
          nationalMeans: () =>
            cachedResult(ctx, 'villages.nationalMeans', {}, () => nationalMeans(ctx.db)),
        }),
    ),
  ),
} satisfies TRPCRouterRecord;
