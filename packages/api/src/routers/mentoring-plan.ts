import { TRPCError } from '@trpc/server';
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
 * The solve runs on the request's thread (HiGHS wasm is synchronous): about 3 s for the nation on
 * 2 cores, a few tens of ms for a regency (`pnpm --filter @pandu/server bench:plan`); the result
 * cache keeps a repeated request free.
 */
export const mentoringPlan = publicProcedure.input(PlanRequest).query(({ ctx, input }) =>
  cachedResult(ctx, 'mentoring.plan', input, async () => {
    const data = await planInputs(ctx.db, input);
    const solver = await loadHighsSolver();
    try {
      return createPlan(data, input, solver);
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
