import type { VolunteerTier } from '../mentoring.js';

// The planner's closed lists as plain arrays, without zod: a browser bundle that needs only the
// lists (the dashboard's plan form) does not pull in zod, whose eval probe a strict CSP reports.
// The schemas in plan-request.ts are built from these.

/** Travel rules, narrowest first. */
export const PLAN_TRAVEL_RULES = ['district', 'regency', 'province'] as const;
/** What events are assigned to. */
export const PLAN_GRAINS = ['village', 'district'] as const;
/** Groups an equity rule may favour. */
export const EQUITY_GROUPS = ['desa', 'below_threshold'] as const;
/** The effect the objective uses. */
export const PLAN_OBJECTIVES = ['estimate', 'cautious'] as const;
/** The volunteer tiers, in the domain's order (`VolunteerTier`). */
export const PLAN_TIERS = ['purwa', 'madya', 'utama'] as const satisfies readonly VolunteerTier[];

/**
 * Default events per volunteer and period: a year, or a quarter. Placeholders an analyst is
 * expected to edit: the programme publishes no per-tier workload.
 */
export const DEFAULT_TIER_CAPACITY: Readonly<
  Record<'year' | 'quarter', Readonly<Record<VolunteerTier, number>>>
> = {
  year: { purwa: 2, madya: 3, utama: 4 },
  quarter: { purwa: 1, madya: 1, utama: 1 },
};
