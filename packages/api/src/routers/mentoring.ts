import type { TRPCRouterRecord } from '@trpc/server';
import {
  mentoringCoverage,
  MentoringCoverageInput,
  mentoringImpact,
  mentoringPriorities,
  MentoringPrioritiesInput,
} from '@pandu/db';
import { cachedResult } from '../result-cache.js';
import { publicProcedure } from '../trpc.js';
import { MentoringImpactApiInput } from './inputs.js';

export const mentoringRouter = {
  /** Events, villages mentored and their share, by sector and child region. */
  coverage: publicProcedure
    .input(MentoringCoverageInput)
    .query(({ ctx, input }) =>
      cachedResult(ctx, 'mentoring.coverage', input, () => mentoringCoverage(ctx.db, input)),
    ),
  /** Difference in differences: mentored villages vs not-yet-mentored ones of the same regency. */
  impact: publicProcedure
    .input(MentoringImpactApiInput)
    .query(({ ctx, input }) =>
      cachedResult(ctx, 'mentoring.impact', input, () => mentoringImpact(ctx.db, input)),
    ),
  /** Villages ranked for the next mentoring visit, each with the reason. */
  priorities: publicProcedure
    .input(MentoringPrioritiesInput)
    .query(({ ctx, input }) =>
      cachedResult(ctx, 'mentoring.priorities', input, () => mentoringPriorities(ctx.db, input)),
    ),
} satisfies TRPCRouterRecord;
