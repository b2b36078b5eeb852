import type { TRPCRouterRecord } from '@trpc/server';
import {
  childConvergence,
  childrenInRange,
  convergence,
  distribution,
  divideSummary,
  lorenz,
  storedChildConvergence,
  storedConvergence,
  storedDistribution,
  storedDivideSummary,
  storedLorenz,
} from '@pandu/db';
import { coverageOptions } from '../coverage-options.js';
import { cachedResult } from '../result-cache.js';
import { publicProcedure } from '../trpc.js';
import {
  ChildConvergenceApiInput,
  ChildrenInRangeApiInput,
  ConvergenceApiInput,
  DistributionApiInput,
  DivideSummaryApiInput,
  LorenzApiInput,
} from './inputs.js';

export const divideRouter = {
  /**
   * Gini, Theil (between/within child regions), CV, Palma, gaps, share below threshold, people in
   * regencies below it; `weight: 'people'` weighs villages by people (on demand, not stored).
   */
  summary: publicProcedure
    .input(DivideSummaryApiInput)
    .query(({ ctx, input }) =>
      cachedResult(
        ctx,
        'divide.summary',
        input,
        async () => (await storedDivideSummary(ctx.db, input)) ?? divideSummary(ctx.db, input),
      ),
    ),
  /**
   * Sigma and beta convergence with each slope's standard error, p-value and 95 % interval, a
   * verdict (converging only when significant at 5 % with enough villages), the absolute
   * half-life beside the relative one, and when the share below the threshold falls below 1 %
   * (`shareBelowProjection`, on its logit); each year's `coverage`, and partial years left out
   * of the fits unless `includePartial` (`fit`).
   */
  convergence: publicProcedure
    .input(ConvergenceApiInput)
    .query(({ ctx, input }) =>
      cachedResult(
        ctx,
        'divide.convergence',
        input,
        async () =>
          (await storedConvergence(ctx.db, input, coverageOptions(ctx))) ??
          convergence(ctx.db, input, coverageOptions(ctx)),
      ),
    ),
  /**
   * Beta convergence of the region's children (each child one point: its mean in the first year
   * against its annual log growth to the last), fitted by the domain's betaConvergence, with the
   * slope's standard error, p-value and 95 % interval. The ends
   * are the latest and first complete years (`coverage`, `partialExcluded`).
   */
  childConvergence: publicProcedure
    .input(ChildConvergenceApiInput)
    .query(({ ctx, input }) =>
      cachedResult(
        ctx,
        'divide.childConvergence',
        input,
        async () =>
          (await storedChildConvergence(ctx.db, input, coverageOptions(ctx))) ??
          childConvergence(ctx.db, input, coverageOptions(ctx)),
      ),
    ),
  /** The Lorenz curve (at most 101 points) and Gini; `weight: 'people'` over shares of people. */
  lorenz: publicProcedure.input(LorenzApiInput).query(({ ctx, input }) =>
    cachedResult(
      ctx,
      'divide.lorenz',
      input,
      // A people-weighted curve is not stored: storedLorenz answers null and the query computes it.
      async () => (await storedLorenz(ctx.db, input)) ?? lorenz(ctx.db, input),
    ),
  ),
  /** The villages' values as a histogram: round, equal-width bins counted in DuckDB. */
  distribution: publicProcedure
    .input(DistributionApiInput)
    .query(({ ctx, input }) =>
      cachedResult(
        ctx,
        'divide.distribution',
        input,
        async () => (await storedDistribution(ctx.db, input)) ?? distribution(ctx.db, input),
      ),
    ),
  /**
   * How many of each child's villages have a value in a range (`from <= value < to`, with
   * `includeTo` also `= to`): a selection of the histogram's bins, asked by the other charts of a
   * page. On demand (one scan of the region's villages of a year), cached like every answer.
   */
  childrenInRange: publicProcedure
    .input(ChildrenInRangeApiInput)
    .query(({ ctx, input }) =>
      cachedResult(ctx, 'divide.childrenInRange', input, () => childrenInRange(ctx.db, input)),
    ),
} satisfies TRPCRouterRecord;
