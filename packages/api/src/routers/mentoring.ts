import type { TRPCRouterRecord } from '@trpc/server';
import {
  mentoringCoverage,
  mentoringImpact,
  mentoringPriorities,
  storedMentoringCoverage,
  storedMentoringImpact,
  storedMentoringPriorities,
} from '@pandu/db';
import { coverageOptions } from '../coverage-options.js';
import { cachedResult } from '../result-cache.js';
import { publicProcedure } from '../trpc.js';
import { mentoringPlan } from './mentoring-plan.js';
import {
  MentoringCoverageApiInput,
  MentoringImpactApiInput,
  MentoringPrioritiesApiInput,
} from './inputs.js';

export const mentoringRouter = {
  /** Events, villages mentored and their share, by sector and child region. */
  coverage: publicProcedure
    .input(MentoringCoverageApiInput)
    .query(({ ctx, input }) =>
      cachedResult(
        ctx,
        'mentoring.coverage',
        input,
        async () =>
          (await storedMentoringCoverage(ctx.db, input)) ?? mentoringCoverage(ctx.db, input),
      ),
    ),
  /** Difference in differences: mentored villages vs not-yet-mentored ones of the same regency. */
  impact: publicProcedure
    .input(MentoringImpactApiInput)
    .query(({ ctx, input }) =>
      cachedResult(
        ctx,
        'mentoring.impact',
        input,
        async () => (await storedMentoringImpact(ctx.db, input)) ?? mentoringImpact(ctx.db, input),
      ),
    ),
  /** Villages ranked for the next mentoring visit, each with the reason. */
  priorities: publicProcedure
    .input(MentoringPrioritiesApiInput)
    .query(({ ctx, input }) =>
      cachedResult(
        ctx,
        'mentoring.priorities',
        input,
        async () =>
          (await storedMentoringPriorities(ctx.db, input, coverageOptions(ctx))) ??
          mentoringPriorities(ctx.db, input, coverageOptions(ctx)),
      ),
    ),
  plan: mentoringPlan,
} satisfies TRPCRouterRecord;
