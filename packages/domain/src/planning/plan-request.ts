import { z } from 'zod';
import { MEASURE_SCALES } from '../indicators/measure-scales.js';
import { PanduVolunteer, VolunteerTier } from '../mentoring.js';
import { RegionCode } from '../regions/region-code.js';
import { Sector } from '../sectors.js';
import {
  DEFAULT_TIER_CAPACITY,
  EQUITY_GROUPS,
  PLAN_GRAINS,
  PLAN_OBJECTIVES,
  PLAN_TRAVEL_RULES,
} from './plan-options.js';

/**
 * How far a volunteer may travel from home to mentor: inside the home `district`, `regency` (the
 * default: the programme forms volunteers per regency, as Blitar did in 2021) or `province`.
 *
 * @example
 * ```ts
 * PlanTravelRule.parse('province'); // 'province'
 * ```
 */
export const PlanTravelRule = z.enum(PLAN_TRAVEL_RULES);
export type PlanTravelRule = z.infer<typeof PlanTravelRule>;

/**
 * What the plan assigns events to: single villages, or districts (the district's team then
 * picks the villages; a district's expected gain per event is the mean over its eligible villages).
 *
 * @example
 * ```ts
 * PlanGrain.parse('district'); // 'district'
 * ```
 */
export const PlanGrain = z.enum(PLAN_GRAINS);
export type PlanGrain = z.infer<typeof PlanGrain>;

/**
 * The period planned: a calendar year, or one quarter of it.
 *
 * @example
 * ```ts
 * PlanHorizon.parse({ year: 2026 });
 * PlanHorizon.parse({ year: 2026, quarter: 2 });
 * ```
 */
export const PlanHorizon = z.object({
  year: z.number().int().min(2000).max(2100),
  quarter: z.number().int().min(1).max(4).optional(),
});
export type PlanHorizon = z.infer<typeof PlanHorizon>;

const events = z.number().int().min(0).max(100);

/**
 * Events one volunteer can lead in the planned period, by tier. Any tier left out takes its
 * default ({@link DEFAULT_TIER_CAPACITY}).
 *
 * @example
 * ```ts
 * TierCapacities.parse({ purwa: 1, madya: 4 });
 * ```
 */
export const TierCapacities = z.partialRecord(VolunteerTier, events);
export type TierCapacities = z.infer<typeof TierCapacities>;

/**
 * Which events the equity rule counts: those in `desa` (desa and desa adat, not kelurahan), or
 * those in villages whose skills index is `below_threshold`.
 */
export const EquityGroup = z.enum(EQUITY_GROUPS);
export type EquityGroup = z.infer<typeof EquityGroup>;

/**
 * An optional equity rule: at least `minShare` (0-1) of the plan's events go to the `group`.
 *
 * @example
 * ```ts
 * EquityRule.parse({ group: 'desa', minShare: 0.8 });
 * ```
 */
export const EquityRule = z.object({
  group: EquityGroup,
  minShare: z.number().gt(0).max(1),
});
export type EquityRule = z.infer<typeof EquityRule>;

/**
 * What the objective takes as the effect of mentoring: the point `estimate`, or the `cautious`
 * lower end of its 95% interval (never below 0), for an analyst who would rather not bet on
 * effects the data cannot tell from zero.
 */
export const PlanObjective = z.enum(PLAN_OBJECTIVES);
export type PlanObjective = z.infer<typeof PlanObjective>;

const SKILLS = MEASURE_SCALES.skills_index;
const ACCESS = MEASURE_SCALES.access_index;

/** The most volunteers an uploaded list may hold (the seeded nation has 40,000). */
export const PLAN_MAX_VOLUNTEERS = 100_000;

/**
 * What an analyst asks of a deployment plan. Only `horizon` is required; everything else has a
 * default (see {@link resolvePlanRequest}).
 *
 * - `code`: the scope (a province or regency code; the nation when absent).
 * - `capacities`: events per volunteer and period, by tier (editable).
 * - `travel`: how far volunteers travel from home (default `regency`).
 * - `favouredSectors` / `favourWeight`: the objective counts gains in these sectors
 *   `favourWeight` times (default 1.5).
 * - `equity`: optional equity rule.
 * - `grain`: assign to villages (default) or districts.
 * - `minAccess`: villages below this access index (0-100, default 50) are not planned: without
 *   signal there is little for mentoring to build on (the rule-based list's own cut-off).
 * - `remindAfterYears`: a village mentored in a sector that many years before the horizon or
 *   earlier may be mentored in it again (default 3).
 * - `targetQuantile`: where a village "should be" is this quantile (default 0.75) of the skills
 *   index among villages of its kind in its province.
 * - `threshold`: the skills index below which a village counts as lagging (default 3).
 * - `maxEventsPerVillage`: events one village may receive in the period, across sectors
 *   (default 1; at most one per sector in any case).
 * - `objective`: the effect's point estimate or its cautious lower bound.
 * - `volunteers`: an uploaded list replacing the `volunteers` table.
 *
 * @example
 * ```ts
 * PlanRequest.parse({ code: '35.05', horizon: { year: 2026 } });
 * PlanRequest.parse({ code: '35', horizon: { year: 2026, quarter: 1 }, travel: 'province',
 *   equity: { group: 'desa', minShare: 0.9 }, favouredSectors: ['umkm'] });
 * ```
 */
export const PlanRequest = z.object({
  code: RegionCode.optional(),
  horizon: PlanHorizon,
  capacities: TierCapacities.optional(),
  travel: PlanTravelRule.optional(),
  favouredSectors: z
    .array(Sector)
    .refine((s) => new Set(s).size === s.length, { error: 'a favoured sector is listed twice' })
    .optional(),
  favourWeight: z.number().min(1).max(10).optional(),
  equity: EquityRule.optional(),
  grain: PlanGrain.optional(),
  minAccess: z.number().min(ACCESS.min).max(ACCESS.max).optional(),
  remindAfterYears: z.number().int().min(1).max(20).optional(),
  targetQuantile: z.number().min(0.5).max(0.95).optional(),
  threshold: z.number().min(SKILLS.min).max(SKILLS.max).optional(),
  maxEventsPerVillage: z.number().int().min(1).max(4).optional(),
  objective: PlanObjective.optional(),
  volunteers: z.array(PanduVolunteer).max(PLAN_MAX_VOLUNTEERS).optional(),
});
export type PlanRequest = z.input<typeof PlanRequest>;

/** A {@link PlanRequest} with every default filled in. */
export interface ResolvedPlanRequest {
  code: string | null;
  horizon: PlanHorizon;
  capacities: Record<VolunteerTier, number>;
  travel: PlanTravelRule;
  favouredSectors: Sector[];
  favourWeight: number;
  equity: EquityRule | null;
  grain: PlanGrain;
  minAccess: number;
  remindAfterYears: number;
  targetQuantile: number;
  threshold: number;
  maxEventsPerVillage: number;
  objective: PlanObjective;
  volunteers: PanduVolunteer[] | null;
}

/**
 * Validates a request (throwing zod's error, which names the field) and fills in the defaults.
 *
 * @example
 * ```ts
 * resolvePlanRequest({ horizon: { year: 2026 } }).travel; // 'regency'
 * resolvePlanRequest({ horizon: { year: 2026, quarter: 3 } }).capacities.purwa; // 1
 * ```
 */
export function resolvePlanRequest(request: PlanRequest): ResolvedPlanRequest {
  const r = PlanRequest.parse(request);
  const period = r.horizon.quarter === undefined ? 'year' : 'quarter';
  return {
    code: r.code ?? null,
    horizon: r.horizon,
    capacities: { ...DEFAULT_TIER_CAPACITY[period], ...r.capacities },
    travel: r.travel ?? 'regency',
    favouredSectors: r.favouredSectors ?? [],
    favourWeight: r.favourWeight ?? 1.5,
    equity: r.equity ?? null,
    grain: r.grain ?? 'village',
    minAccess: r.minAccess ?? ACCESS.defaultThreshold,
    remindAfterYears: r.remindAfterYears ?? 3,
    targetQuantile: r.targetQuantile ?? 0.75,
    threshold: r.threshold ?? SKILLS.defaultThreshold,
    maxEventsPerVillage: r.maxEventsPerVillage ?? 1,
    objective: r.objective ?? 'estimate',
    volunteers: r.volunteers ?? null,
  };
}
