import {
  DEFAULT_TIER_CAPACITY,
  EQUITY_GROUPS,
  PLAN_GRAINS,
  PLAN_OBJECTIVES,
  PLAN_TIERS,
  PLAN_TRAVEL_RULES,
  SECTOR_CODES,
  type EquityGroup,
  type PlanGrain,
  type PlanObjective,
  type PlanRequest,
  type PlanTravelRule,
  type Sector,
  type VolunteerTier,
} from '@pandu/domain';
import { isAreaCode } from '$lib/region-code.js';

// The plan's inputs live in the URL, so a plan can be shared and reproduced: every input is a
// query parameter, written only when it differs from its default (short links), and read back
// leniently (a malformed value falls back to its default; the API validates what is sent). The
// lists come from the domain as plain arrays, not zod schemas, so the browser bundle has no zod.

/** The form's values: every input of the plan, defaults filled in. */
export interface PlanParams {
  region: string | null;
  horizon: number;
  quarter: number | null;
  travel: PlanTravelRule;
  grain: PlanGrain;
  favour: Sector[];
  equity: EquityGroup | null;
  /** Percent, 1-100. */
  share: number;
  capacities: Record<VolunteerTier, number>;
  minAccess: number;
  objective: PlanObjective;
}

export const DEFAULT_SHARE = 50;
export const DEFAULT_MIN_ACCESS = 50;

function intIn(value: string | null, min: number, max: number): number | null {
  if (value === null || value.trim() === '') return null;
  const n = Number(value);
  return Number.isInteger(n) && n >= min && n <= max ? n : null;
}

function oneOf<T extends string>(values: readonly T[], value: string | null): T | null {
  return values.find((v) => v === value) ?? null;
}

/**
 * The horizon a plan is for when none is asked: the year after the data's latest (2026 for data
 * up to 2025); 2026 when the data have no years.
 *
 * @example
 * ```ts
 * defaultHorizon([2020, 2021, 2025]); // 2026
 * ```
 */
export function defaultHorizon(years: readonly number[]): number {
  return (years.at(-1) ?? 2025) + 1;
}

/**
 * The plan's inputs from a URL's query; `defaultHorizon` is the year after the data's latest.
 *
 * @example
 * ```ts
 * parsePlanParams(new URLSearchParams('region=35.05&travel=province'), 2026).travel; // 'province'
 * ```
 */
export function parsePlanParams(params: URLSearchParams, defaultHorizon: number): PlanParams {
  const region = params.get('region');
  const quarter = intIn(params.get('quarter'), 1, 4);
  const period = quarter === null ? 'year' : 'quarter';
  const capacity = (tier: VolunteerTier) =>
    intIn(params.get(tier), 0, 100) ?? DEFAULT_TIER_CAPACITY[period][tier];
  // A form's checkboxes give one `favour` per sector; a shared link may give them comma-joined.
  const favour = params
    .getAll('favour')
    .flatMap((f) => f.split(','))
    .flatMap((s) => (oneOf(SECTOR_CODES, s) ? [s as Sector] : []));
  return {
    region: isAreaCode(region) ? region : null,
    horizon: intIn(params.get('horizon'), 2000, 2100) ?? defaultHorizon,
    quarter,
    travel: oneOf(PLAN_TRAVEL_RULES, params.get('travel')) ?? 'regency',
    grain: oneOf(PLAN_GRAINS, params.get('grain')) ?? 'village',
    favour: [...new Set(favour)],
    equity: oneOf(EQUITY_GROUPS, params.get('equity')),
    share: intIn(params.get('share'), 1, 100) ?? DEFAULT_SHARE,
    capacities: {
      purwa: capacity('purwa'),
      madya: capacity('madya'),
      utama: capacity('utama'),
    },
    minAccess: intIn(params.get('minAccess'), 0, 100) ?? DEFAULT_MIN_ACCESS,
    objective: oneOf(PLAN_OBJECTIVES, params.get('objective')) ?? 'estimate',
  };
}

/** The API request for the form's values. */
export function planRequest(p: PlanParams): PlanRequest {
  return {
    ...(p.region ? { code: p.region } : {}),
    horizon: p.quarter === null ? { year: p.horizon } : { year: p.horizon, quarter: p.quarter },
    travel: p.travel,
    grain: p.grain,
    capacities: p.capacities,
    favouredSectors: p.favour,
    ...(p.equity ? { equity: { group: p.equity, minShare: p.share / 100 } } : {}),
    minAccess: p.minAccess,
    objective: p.objective,
  };
}

/**
 * The query string of the form's values, defaults left out (`?region=35.05&travel=province`).
 *
 * @example
 * ```ts
 * planQuery(parsePlanParams(new URLSearchParams('region=35.05'), 2026), 2026); // '?region=35.05'
 * ```
 */
export function planQuery(
  p: PlanParams,
  defaultHorizon: number,
  extra: Record<string, string> = {},
): string {
  const q = new URLSearchParams();
  const period = p.quarter === null ? 'year' : 'quarter';
  if (p.region) q.set('region', p.region);
  if (p.horizon !== defaultHorizon) q.set('horizon', String(p.horizon));
  if (p.quarter !== null) q.set('quarter', String(p.quarter));
  if (p.travel !== 'regency') q.set('travel', p.travel);
  if (p.grain !== 'village') q.set('grain', p.grain);
  if (p.favour.length > 0) q.set('favour', p.favour.join(','));
  if (p.equity) {
    q.set('equity', p.equity);
    q.set('share', String(p.share));
  }
  for (const tier of PLAN_TIERS) {
    if (p.capacities[tier] !== DEFAULT_TIER_CAPACITY[period][tier])
      q.set(tier, String(p.capacities[tier]));
  }
  if (p.minAccess !== DEFAULT_MIN_ACCESS) q.set('minAccess', String(p.minAccess));
  if (p.objective !== 'estimate') q.set('objective', p.objective);
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}
