import type { VolunteerTier } from '../mentoring.js';
import type { VillageKind } from '../regions/village-kind.js';
import { sectorLabel, type Sector } from '../sectors.js';
import type { PlanData, SectorEffect } from './plan-data.js';
import { PlanInfeasibleError } from './plan-errors.js';
import {
  buildPlanModel,
  inEquityGroup,
  villageGap,
  type Expected,
  type PlanModel,
} from './plan-model.js';
import { solvePlanModel, type SolvedModel } from './plan-program.js';
import {
  resolvePlanRequest,
  type EquityRule,
  type PlanRequest,
  type PlanTravelRule,
  type ResolvedPlanRequest,
} from './plan-request.js';
import type { PlanSolver } from './plan-solver.js';
import { ruleBasedEvents, type RuleBasedEvent } from './rule-based-plan.js';

/** A volunteer's share of an assignment. */
export interface PlanVolunteerUse {
  id: string;
  tier: VolunteerTier;
  sector: Sector;
  events: number;
}

/** One village (or district) and sector of the plan, with why. */
export interface PlanAssignment {
  code: string;
  name: string;
  level: 'village' | 'district';
  /** The village's kind; null for a district. */
  kind: VillageKind | null;
  district: { code: string; name: string };
  regency: { code: string; name: string };
  sector: Sector;
  events: number;
  /** Skills index (a district: mean of its eligible villages), its target and the gap. */
  skillsIndex: number;
  target: number;
  gap: number;
  accessIndex: number;
  /** Last year mentored in this sector (null: never; a district: the latest of its villages). */
  lastMentoredInSector: number | null;
  /** Sectors it was ever mentored in. */
  mentoredIn: Sector[];
  favoured: boolean;
  effect: { estimate: number; ci95: [number, number]; source: string };
  /** Expected gain of these events (effect x gap), with the effect's 95% interval. */
  expectedGain: Expected;
  volunteers: PlanVolunteerUse[];
  travel: { rule: PlanTravelRule; area: string; areaName: string };
  /** Why, in one sentence (English; the dashboard builds its own from the fields). */
  reason: string;
}

/** Why some capacity is left unused. */
export type UnusedReason =
  'home_too_coarse' | 'no_eligible_village' | 'villages_served_in_other_sectors' | 'equity_rule';

export interface PlanUnused {
  reason: UnusedReason;
  events: number;
  volunteers: number;
  explanation: string;
}

/** The figures of a plan (or of an alternative it is compared with). */
export interface PlanOutcome {
  events: number;
  villages: number;
  /** Sum of effect x gap over the events, with its 95% interval. */
  expectedGain: Expected;
  /** Expected change of the scope's mean skills index. */
  indexChange: Expected;
  /** Expected share of the scope's villages below the threshold after the plan (0-1). */
  shareBelowAfter: Expected;
  /** Share of events in the equity group (null: no rule). */
  equityShare: number | null;
}

export interface PlanComparison extends PlanOutcome {
  label: 'rule_based' | 'no_equity';
  description: string;
  /** This plan's expected gain minus the alternative's (point estimates). */
  margin: number;
}

/** A deployment plan: assignments, their explanation, and what the alternatives would do. */
export interface DeploymentPlan {
  scope: PlanData['scope'];
  dataYear: number;
  request: Omit<ResolvedPlanRequest, 'volunteers'> & { uploadedVolunteers: number | null };
  solver: {
    name: string;
    programs: number;
    largest: { columns: number; rows: number };
    objective: number;
  };
  outcome: PlanOutcome;
  indexBefore: number;
  shareBelowBefore: number;
  villagesWithData: number;
  capacity: number;
  volunteers: number;
  unused: PlanUnused[];
  /** With an equity rule: the share it asked, the share met, and its cost in expected gain. */
  equity: (EquityRule & { share: number; cost: number }) | null;
  comparisons: PlanComparison[];
  excluded: PlanModel['excluded'];
  effects: SectorEffect[];
  assignments: PlanAssignment[];
  /** How many assignments the plan has (an API caller may ask for fewer in `assignments`). */
  assignmentsTotal: number;
  /** Events and expected gain by the scope's child regions (provinces of the nation, ...). */
  byChild: { code: string; events: number; gain: number }[];
  /** The model in words. */
  method: string;
}

const round = (x: number, digits: number) => x.toFixed(digits);

/**
 * Totals of per-event values that share an effect estimate. Within one estimate the events'
 * intervals move together (one estimate, so they add up linearly); different estimates come from
 * different treated villages and are combined in quadrature.
 */
class ExpectedSum {
  private readonly parts = new Map<SectorEffect, Expected>();
  add(effect: SectorEffect, value: Expected, times: number): void {
    const p = this.parts.get(effect) ?? { estimate: 0, low: 0, high: 0 };
    p.estimate += value.estimate * times;
    p.low += value.low * times;
    p.high += value.high * times;
    this.parts.set(effect, p);
  }
  total(): Expected {
    let estimate = 0;
    let down = 0;
    let up = 0;
    for (const p of this.parts.values()) {
      estimate += p.estimate;
      down += (p.estimate - Math.min(p.low, p.high)) ** 2;
      up += (Math.max(p.low, p.high) - p.estimate) ** 2;
    }
    return { estimate, low: estimate - Math.sqrt(down), high: estimate + Math.sqrt(up) };
  }
}

function sectorName(s: Sector) {
  return sectorLabel(s, 'en');
}

function outcomeOf(
  data: PlanData,
  model: PlanModel,
  solved: SolvedModel,
  shareBelowBefore: number,
): PlanOutcome {
  const n = data.villages.length;
  const gain = new ExpectedSum();
  const change = new ExpectedSum();
  const crossings = new ExpectedSum();
  let events = 0;
  let inGroup = 0;
  const villages = new Set<string>();
  model.candidates.forEach((c, i) => {
    const k = solved.events[i] ?? 0;
    if (k === 0) return;
    events += k;
    inGroup += c.groupShare * k;
    gain.add(c.effect, c.gain, k);
    change.add(c.effect, c.indexChange, k);
    crossings.add(c.effect, c.crossings, k);
    villages.add(model.units[c.unit]!.code);
  });
  const crossed = crossings.total();
  return {
    events,
    villages: villages.size,
    expectedGain: gain.total(),
    indexChange: scale(change.total(), 1 / n),
    shareBelowAfter: {
      estimate: shareBelowBefore - crossed.estimate / n,
      // More villages lifted when the effect is at its high end: a lower share.
      low: shareBelowBefore - Math.max(crossed.high, crossed.low) / n,
      high: shareBelowBefore - Math.min(crossed.low, crossed.high) / n,
    },
    equityShare: model.request.equity ? (events > 0 ? inGroup / events : 0) : null,
  };
}

function scale(e: Expected, f: number): Expected {
  return { estimate: e.estimate * f, low: e.low * f, high: e.high * f };
}

function ruleOutcome(
  data: PlanData,
  request: ResolvedPlanRequest,
  events: RuleBasedEvent[],
  shareBelowBefore: number,
): PlanOutcome {
  const n = data.villages.length;
  const gain = new ExpectedSum();
  const change = new ExpectedSum();
  const crossings = new ExpectedSum();
  let inGroup = 0;
  for (const { village, effect } of events) {
    const gap = villageGap(village);
    gain.add(
      effect,
      { estimate: gap * effect.estimate, low: gap * effect.ci95[0], high: gap * effect.ci95[1] },
      1,
    );
    change.add(effect, { estimate: effect.estimate, low: effect.ci95[0], high: effect.ci95[1] }, 1);
    const lifted = (d: number) =>
      village.skillsIndex < request.threshold && village.skillsIndex + d >= request.threshold
        ? 1
        : 0;
    crossings.add(
      effect,
      {
        estimate: lifted(effect.estimate),
        low: lifted(effect.ci95[0]),
        high: lifted(effect.ci95[1]),
      },
      1,
    );
    if (request.equity && inEquityGroup(village, request.equity.group, request.threshold))
      inGroup++;
  }
  const crossed = crossings.total();
  return {
    events: events.length,
    villages: new Set(events.map((e) => e.village.code)).size,
    expectedGain: gain.total(),
    indexChange: scale(change.total(), 1 / n),
    shareBelowAfter: {
      estimate: shareBelowBefore - crossed.estimate / n,
      low: shareBelowBefore - Math.max(crossed.high, crossed.low) / n,
      high: shareBelowBefore - Math.min(crossed.low, crossed.high) / n,
    },
    equityShare: request.equity ? (events.length > 0 ? inGroup / events.length : 0) : null,
  };
}

function equityGroupName(rule: EquityRule, threshold: number) {
  return rule.group === 'desa'
    ? 'desa'
    : `villages below the threshold (skills index ${threshold})`;
}

/**
 * Plans where the volunteers go: builds the model ({@link buildPlanModel}), solves it with
 * `solver` (HiGHS in production, see `loadHighsSolver`), and explains the result: every assignment
 * with why, the plan's expected gain and change of the region's index and of the share below the
 * threshold (with intervals), capacity left unused and why, and side by side the rule-based list
 * and, with an equity rule, the plan without it.
 *
 * Throws zod's error for an invalid request and {@link PlanInfeasibleError} when no plan can be
 * made as asked (no capacity within reach, or an equity rule no eligible village can satisfy).
 *
 * @example
 * ```ts
 * const plan = createPlan(data, { code: '35.05', horizon: { year: 2026 } }, await loadHighsSolver());
 * plan.assignments[0].reason;
 * plan.comparisons.find((c) => c.label === 'rule_based')?.margin; // >= 0 with default inputs
 * ```
 */
export function createPlan(data: PlanData, input: PlanRequest, solver: PlanSolver): DeploymentPlan {
  const request = resolvePlanRequest(input);
  const model = buildPlanModel(data, request);
  const scopeName = data.scope.name;
  const n = data.villages.length;
  const shareBelowBefore =
    n === 0 ? 0 : data.villages.filter((v) => v.skillsIndex < request.threshold).length / n;
  const capacity = model.pools.reduce((s, p) => s + p.capacity, 0);
  const coarseCapacity = model.homeTooCoarse.reduce((s, v) => s + request.capacities[v.tier], 0);

  if (capacity === 0) {
    const why =
      model.homeTooCoarse.length > 0
        ? `the ${model.homeTooCoarse.length} volunteers of ${scopeName} are known only by a home ` +
          `region coarser than the travel rule (${request.travel}) needs; choose a wider travel rule`
        : model.pools.length > 0
          ? `every tier's capacity is 0 events`
          : `no volunteer's travel area (${request.travel}) reaches ${scopeName}`;
    throw new PlanInfeasibleError('capacity', `no volunteer capacity for ${scopeName}: ${why}`);
  }
  const equity = request.equity;
  if (equity && !model.candidates.some((c) => c.groupShare > 0)) {
    const group = equityGroupName(equity, request.threshold);
    const inGroup = data.villages.filter((v) =>
      inEquityGroup(v, equity.group, request.threshold),
    ).length;
    throw new PlanInfeasibleError(
      'equity',
      `the equity rule asks for at least ${round(100 * equity.minShare, 0)}% of events in ${group}, ` +
        `but no such village of ${scopeName} can be planned: ${inGroup} of its ${n} villages with ` +
        `data are ${group}${inGroup > 0 ? ', and none of them is below its target with access index >= ' + request.minAccess + ', not recently mentored, and within reach of a volunteer' : ''}. ` +
        'Lower the share, choose the other group, or widen the travel rule.',
    );
  }

  const solved = solvePlanModel(model, solver);
  if (solved.status !== 'optimal') {
    throw new PlanInfeasibleError(
      'solver',
      `the solver (${solver.name}) found no optimal plan for ${scopeName}: ${solved.detail}`,
    );
  }
  const outcome = outcomeOf(data, model, solved, shareBelowBefore);

  // Hand the pools' events to their volunteers, in id order, filling each before the next.
  const used = new Map<string, number>();
  const handOut = (pool: number, events: number): PlanVolunteerUse[] => {
    const uses: PlanVolunteerUse[] = [];
    let left = events;
    for (const v of model.pools[pool]!.volunteers) {
      if (left === 0) break;
      const free = request.capacities[v.tier] - (used.get(v.id) ?? 0);
      if (free <= 0) continue;
      const k = Math.min(free, left);
      used.set(v.id, (used.get(v.id) ?? 0) + k);
      uses.push({ id: v.id, tier: v.tier, sector: v.sector, events: k });
      left -= k;
    }
    return uses;
  };

  const name = (code: string) => data.regionNames[code] ?? code;
  const assignments: PlanAssignment[] = [];
  const unitEvents = new Int32Array(model.units.length);
  model.candidates.forEach((c, i) => {
    unitEvents[c.unit] = (unitEvents[c.unit] ?? 0) + (solved.events[i] ?? 0);
  });
  const order = model.candidates
    .map((c, i) => i)
    .filter((i) => (solved.events[i] ?? 0) > 0)
    .sort((a, b) => {
      const ca = model.candidates[a]!;
      const cb = model.candidates[b]!;
      return (
        cb.gain.estimate - ca.gain.estimate ||
        (model.units[ca.unit]!.code < model.units[cb.unit]!.code ? -1 : 1)
      );
    });
  for (const i of order) {
    const c = model.candidates[i]!;
    const k = solved.events[i]!;
    const unit = model.units[c.unit]!;
    const members = unit.villages;
    const mean = (f: (v: (typeof members)[number]) => number) =>
      members.reduce((s, v) => s + f(v), 0) / members.length;
    const village = request.grain === 'village' ? members[0]! : null;
    const lastInSector = members
      .map((v) => v.lastMentored[c.sector])
      .filter((y): y is number => y !== undefined);
    const last = lastInSector.length > 0 ? Math.max(...lastInSector) : null;
    const mentoredIn = [
      ...new Set(members.flatMap((v) => Object.keys(v.lastMentored) as Sector[])),
    ].sort();
    const skills = mean((v) => v.skillsIndex);
    const target = mean((v) => v.target);
    const gap = mean((v) => villageGap(v));
    const access = mean((v) => v.accessIndex);
    const favoured = request.favouredSectors.includes(c.sector);
    const districtCode = unit.code.slice(0, 8);
    const regencyCode = unit.code.slice(0, 5);
    const history =
      last === null
        ? `never mentored in ${sectorName(c.sector)}${mentoredIn.length > 0 ? ` (mentored before in ${mentoredIn.map(sectorName).join(', ')})` : ''}`
        : `last mentored in ${sectorName(c.sector)} in ${last}, ${request.horizon.year - last} years before the plan`;
    const e = c.effect;
    const expectedGain = scale(c.gain, k);
    assignments.push({
      code: unit.code,
      name: village?.name ?? name(unit.code),
      level: request.grain,
      kind: village?.kind ?? null,
      district: { code: districtCode, name: name(districtCode) },
      regency: { code: regencyCode, name: name(regencyCode) },
      sector: c.sector,
      events: k,
      skillsIndex: skills,
      target,
      gap,
      accessIndex: access,
      lastMentoredInSector: last,
      mentoredIn,
      favoured,
      effect: { estimate: e.estimate, ci95: e.ci95, source: e.source },
      expectedGain,
      volunteers: handOut(c.pool, k),
      travel: { rule: request.travel, area: unit.area, areaName: name(unit.area) },
      reason:
        `${village ? 'Skills index' : `Mean skills index of ${members.length} eligible villages`} ` +
        `${round(skills, 2)}, ${round(gap, 2)} below the target ${round(target, 2)} ` +
        `(the ${round(100 * request.targetQuantile, 0)}th percentile of villages of its kind in its province); ` +
        `access index ${round(access, 1)} (>= ${request.minAccess}); ${history}. ` +
        `${sectorName(c.sector)} mentoring is estimated to add ${round(e.estimate, 3)} ` +
        `[${round(e.ci95[0], 3)}, ${round(e.ci95[1], 3)}] to the skills index (${e.source})` +
        `${favoured ? `; a favoured sector (x${request.favourWeight})` : ''}.`,
    });
  }

  // Capacity left unused, by the reason the optimum leaves it.
  const unused = new Map<UnusedReason, { events: number; volunteers: Set<string> }>();
  const addUnused = (reason: UnusedReason, events: number, ids: string[]) => {
    if (events <= 0) return;
    const u = unused.get(reason) ?? { events: 0, volunteers: new Set<string>() };
    u.events += events;
    for (const id of ids) u.volunteers.add(id);
    unused.set(reason, u);
  };
  addUnused(
    'home_too_coarse',
    coarseCapacity,
    model.homeTooCoarse.map((v) => v.id),
  );
  const poolCands = model.pools.map(() => [] as number[]);
  model.candidates.forEach((c, i) => poolCands[c.pool]!.push(i));
  model.pools.forEach((pool, p) => {
    const usedEvents = poolCands[p]!.reduce((s, i) => s + (solved.events[i] ?? 0), 0);
    const left = pool.capacity - usedEvents;
    if (left <= 0) return;
    const idle = pool.volunteers
      .filter((v) => (used.get(v.id) ?? 0) < request.capacities[v.tier])
      .map((v) => v.id);
    const open = poolCands[p]!.filter((i) => (solved.events[i] ?? 0) < model.candidates[i]!.cap);
    let reason: UnusedReason;
    if (open.length === 0) reason = 'no_eligible_village';
    else if (
      open.every(
        (i) =>
          unitEvents[model.candidates[i]!.unit]! >= model.units[model.candidates[i]!.unit]!.cap,
      )
    )
      reason = 'villages_served_in_other_sectors';
    else reason = equity ? 'equity_rule' : 'no_eligible_village';
    addUnused(reason, left, idle);
  });
  const explanations: Record<UnusedReason, string> = {
    home_too_coarse: `volunteers known only by a home region coarser than the ${request.travel} travel rule needs`,
    no_eligible_village: `no further village within the volunteers' reach is eligible in their sector (below its target, access index >= ${request.minAccess}, not mentored in the sector in the last ${request.remindAfterYears} years)`,
    villages_served_in_other_sectors: `the eligible villages within reach already receive their ${request.maxEventsPerVillage} event(s) in another sector`,
    equity_rule: equity
      ? `held back by the equity rule: more events outside ${equityGroupName(equity, request.threshold)} would push their share below ${round(100 * equity.minShare, 0)}%`
      : '',
  };

  const comparisons: PlanComparison[] = [];
  const rule = ruleOutcome(data, request, ruleBasedEvents(data, model), shareBelowBefore);
  comparisons.push({
    label: 'rule_based',
    description:
      `Today's rule (mentoring.priorities): villages with access index >= ${request.minAccess}, never ` +
      'mentored, lowest skills index first, each given one event by a volunteer within reach (the ' +
      'sector with the largest estimated effect), until capacity runs out.',
    ...rule,
    margin: outcome.expectedGain.estimate - rule.expectedGain.estimate,
  });
  let equityCost = 0;
  if (equity) {
    const free = buildPlanModel(data, { ...request, equity: null });
    const freeSolved = solvePlanModel(free, solver);
    if (freeSolved.status === 'optimal') {
      const alt = outcomeOf(data, free, freeSolved, shareBelowBefore);
      equityCost = alt.expectedGain.estimate - outcome.expectedGain.estimate;
      comparisons.push({
        label: 'no_equity',
        description: 'The same plan without the equity rule.',
        ...alt,
        margin: outcome.expectedGain.estimate - alt.expectedGain.estimate,
      });
    }
  }

  // The scope's children: provinces of the nation, regencies of a province, districts below.
  const childLength = { nation: 2, province: 5, regency: 8, district: 13, village: 13 }[
    data.scope.level
  ];
  const byChild = new Map<string, { code: string; events: number; gain: number }>();
  for (const a of assignments) {
    const code = a.code.slice(0, childLength);
    const c = byChild.get(code) ?? { code, events: 0, gain: 0 };
    c.events += a.events;
    c.gain += a.expectedGain.estimate;
    byChild.set(code, c);
  }

  const { volunteers, ...rest } = request;
  return {
    scope: data.scope,
    dataYear: data.dataYear,
    request: { ...rest, uploadedVolunteers: volunteers ? volunteers.length : null },
    solver: {
      name: solver.name,
      programs: solved.programs,
      largest: solved.largest,
      objective: solved.objective,
    },
    outcome,
    indexBefore: n === 0 ? 0 : data.villages.reduce((s, v) => s + v.skillsIndex, 0) / n,
    shareBelowBefore,
    villagesWithData: n,
    capacity: capacity + coarseCapacity,
    volunteers:
      model.pools.reduce((s, p) => s + p.volunteers.length, 0) + model.homeTooCoarse.length,
    unused: [...unused].map(([reason, u]) => ({
      reason,
      events: u.events,
      volunteers: u.volunteers.size,
      explanation: explanations[reason],
    })),
    equity: equity ? { ...equity, share: outcome.equityShare ?? 0, cost: equityCost } : null,
    comparisons,
    excluded: model.excluded,
    effects: data.effects,
    assignments,
    assignmentsTotal: assignments.length,
    byChild: [...byChild.values()].sort((a, b) => (a.code < b.code ? -1 : 1)),
    method: planMethod(request),
  };
}

/** The model in words, as the README states it. */
export function planMethod(request: ResolvedPlanRequest): string {
  return (
    'Maximise the expected gain: for each event, the estimated effect of mentoring in its sector ' +
    `(difference in differences of the skills index, mentoring.impact) times how far the village is below its target (the ` +
    `${round(100 * request.targetQuantile, 0)}th percentile of villages of its kind in its province)` +
    `${request.objective === 'cautious' ? ', the effect taken at the low end of its 95% interval' : ''}` +
    `${request.favouredSectors.length > 0 ? `, favoured sectors counted x${request.favourWeight}` : ''}. ` +
    `Subject to: each volunteer's events at most the tier's capacity, only in the home ${request.travel}; ` +
    `at most one event per village and sector and ${request.maxEventsPerVillage} per village; villages with access index >= ` +
    `${request.minAccess}, not mentored in the sector in the last ${request.remindAfterYears} years` +
    `${request.equity ? `; at least ${round(100 * request.equity.minShare, 0)}% of events in ${equityGroupName(request.equity, request.threshold)}` : ''}. ` +
    'Solved as a mixed-integer program (one per travel area when no equity rule couples them). ' +
    "Intervals: the effect estimates' 95% intervals, added linearly within a sector and in quadrature across sectors."
  );
}
