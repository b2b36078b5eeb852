import type { TRPCRouterRecord } from '@trpc/server';
import { childConvergence, convergence, distribution, divideSummary, lorenz } from '@pandu/db';
import { cachedResult } from '../result-cache.js';
import { publicProcedure } from '../trpc.js';
import { ConvergenceInput, DistributionInput, DivideInput, LorenzInput } from './inputs.js';

export const divideRouter = {
  /** Gini, Theil (between/within child regions), CV, Palma, gaps, share below threshold. */
  summary: publicProcedure.input(DivideInput).query(({ ctx, input }) =>
    cachedResult(ctx, 'divide.summary', input, () =>
      divideSummary(ctx.db, {
        code: input.code,
        year: input.year,
        measure: input.pillar,
        kind: input.kind,
        threshold: input.threshold,
      }),
    ),
  ),
  /** Sigma and beta convergence, and when the share below the threshold would reach zero. */
  convergence: publicProcedure.input(ConvergenceInput).query(({ ctx, input }) =>
    cachedResult(ctx, 'divide.convergence', input, () =>
      convergence(ctx.db, {
        code: input.code,
        measure: input.pillar,
        kind: input.kind,
        threshold: input.threshold,
      }),
    ),
  ),
  /** Beta convergence of the child regions (each child's mean, first year to last), fitted. */
  childConvergence: publicProcedure
    .input(ConvergenceInput.omit({ threshold: true }))
    .query(({ ctx, input }) =>
      cachedResult(ctx, 'divide.childConvergence', input, () =>
        childConvergence(ctx.db, { code: input.code, measure: input.pillar, kind: input.kind }),
      ),
    ),
  /** The Lorenz curve (at most 101 points) and Gini. */
  lorenz: publicProcedure.input(LorenzInput).query(({ ctx, input }) =>
    cachedResult(ctx, 'divide.lorenz', input, () =>
      lorenz(ctx.db, {
        code: input.code,
        year: input.year,
        measure: input.pillar,
        kind: input.kind,
      }),
    ),
  ),
  /** The villages' values as a histogram: round, equal-width bins counted in DuckDB. */
  distribution: publicProcedure.input(DistributionInput).query(({ ctx, input }) =>
    cachedResult(ctx, 'divide.distribution', input, () =>
      distribution(ctx.db, {
        code: input.code,
        year: input.year,
        measure: input.pillar,
        kind: input.kind,
        bins: input.bins,
      }),
    ),
  ),
} satisfies TRPCRouterRecord;
