import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { planInputs } from '@pandu/db';
import { PlanInfeasibleError, PlanRequest, createPlan } from '@pandu/domain';
import { loadHighsSolver } from '@pandu/domain/planning-solver';
import { cachedResult } from '../result-cache.js';
import { publicProcedure } from '../trpc.js';

/**
 * `mentoring.plan`: where the next Pandu Digital volunteers go (issue 15). The input is the
 * domain's `PlanRequest` (scope, horizon, capacities by tier, travel rule, favoured sectors,
 * equity rule, grain, ...); the result the domain's `DeploymentPlan`: assignments with why,
 * expected gains with intervals, capacity left unused and why, and the comparison with today's
 * rule-based list and with the plan without the equity rule.
 *
 * Errors as everywhere (errors.ts): bad input BAD_REQUEST naming the field, an unknown region or a
 * scope without data NOT_FOUND. A plan that cannot be made as asked (an equity rule no eligible
 * village meets, no volunteer capacity within reach) is UNPROCESSABLE_CONTENT with the reason in
 * words, never an empty plan; it is mapped here because the error belongs to this procedure alone.
 *
 * The solve runs on the request's thread (HiGHS wasm is synchronous): a few seconds for the nation
 * on 2 cores, tens of ms for a regency once warm (`pnpm --filter @pandu/server bench:plan`); the result
 * cache keeps a repeated request free.
 */
export const MentoringPlanApiInput = PlanRequest.extend({
  /**
   * At most this many assignments in the answer (the plan's best first; `assignmentsTotal` and
   * `byChild` still cover them all): a national plan has ~60,000, tens of MB of JSON that a page
   * showing a hundred rows need not carry. Absent: all.
   */
  assignmentsLimit: z.number().int().min(0).optional(),
});

export const mentoringPlan = publicProcedure.input(MentoringPlanApiInput).query(({ ctx, input }) =>
  cachedResult(ctx, 'mentoring.plan', input, async () => {
    const { assignmentsLimit, ...request } = input;
    const data = await planInputs(ctx.db, request);
    const solver = await loadHighsSolver();
    try {
      const plan = createPlan(data, request, solver);
      return assignmentsLimit === undefined
        ? plan
        : { ...plan, assignments: plan.assignments.slice(0, assignmentsLimit) };
    } catch (error) {
      if (error instanceof PlanInfeasibleError) {
        throw new TRPCError({
          code: 'UNPROCESSABLE_CONTENT',
          message: error.message,
          cause: error,
        });
      }
      throw error;
    }
  }),
);
