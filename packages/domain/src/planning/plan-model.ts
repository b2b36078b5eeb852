import type { PanduVolunteer } from '../mentoring.js';
import type { VillageKind } from '../regions/village-kind.js';
import { SECTORS, type Sector } from '../sectors.js';
import type { PlanData, PlanVillage, SectorEffect } from './plan-data.js';
import type { PlanTravelRule, ResolvedPlanRequest } from './plan-request.js';

/** Length of a code at each level: `35`, `35.05`, `35.05.04`, `35.05.04.2014`. */
const CODE_LENGTH = { province: 2, regency: 5, district: 8, village: 13 } as const;

/** The area a travel rule lets a volunteer living at `home` work in, or null when `home` is coarser. */
export function travelArea(home: string, travel: PlanTravelRule): string | null {
  const length = CODE_LENGTH[travel];
  return home.length >= length ? home.slice(0, length) : null;
}

/** Whether two region codes nest (one is the other or an ancestor of it). */
function nests(a: string, b: string): boolean {
  return a.startsWith(b) || b.startsWith(a);
}

/** A village or district the plan may send events to. */
export interface PlanUnit {
  code: string;
  /** The area of the travel rule the unit lies in: only that area's volunteers reach it. */
  area: string;
  /** The village itself, or the district's villages eligible in at least one sector. */
  villages: PlanVillage[];
  /** Most events the unit may receive in the period, across sectors. */
  cap: number;
}

/** The volunteers of one sector whose travel area is the same: interchangeable for the model. */
export interface PlanPool {
  area: string;
  sector: Sector;
  /** Events the pool's volunteers can lead in the period, summed. */
  capacity: number;
  /** Ordered by id: events are handed out to them in this order. */
  volunteers: PanduVolunteer[];
}

/** Per event, the expected value of something with its 95% interval. */
export interface Expected {
  estimate: number;
  low: number;
  high: number;
}

/** A (unit, sector) pair that may receive events: one column of the program. */
export interface PlanCandidate {
  unit: number;
  pool: number;
  sector: Sector;
  /** At most this many events (1 for a village: one event per sector and period). */
  cap: number;
  /** The objective's coefficient: gap x effect (estimate or cautious bound) x favour weight. */
  coefficient: number;
  /** Expected gain per event: effect x gap (unweighted), with the effect's interval. */
  gain: Expected;
  /** Expected change of the skills index per event (the effect, averaged over a district). */
  indexChange: Expected;
  /** Expected villages lifted to the threshold or above per event. */
  crossings: Expected;
  /** Share of the candidate's villages in the equity group (0 or 1 for a village). */
  groupShare: number;
  /** The effect estimate used. */
  effect: SectorEffect;
}

/** The assignment problem before it becomes a program: units, pools, candidates. */
export interface PlanModel {
  request: ResolvedPlanRequest;
  units: PlanUnit[];
  pools: PlanPool[];
  candidates: PlanCandidate[];
  /** Volunteers of the scope whose home is coarser than the travel rule (a regency for `district`). */
  homeTooCoarse: PanduVolunteer[];
  /** Villages that cannot be planned at all, by reason (for the explanation). */
  excluded: { lowAccess: number; noGap: number; recentlyMentored: number };
}

/** The effect of mentoring in a sector for a kind of village: the kind's own estimate, else the all-kinds one. */
export function effectFor(
  effects: readonly SectorEffect[],
  sector: Sector,
  kind: VillageKind,
): SectorEffect | undefined {
  return (
    effects.find((e) => e.sector === sector && e.kind === kind) ??
    effects.find((e) => e.sector === sector && e.kind === null)
  );
}

/** How far below its target a village is (0 when at or above it). */
export function villageGap(village: PlanVillage): number {
  return Math.max(0, village.target - village.skillsIndex);
}

/** Whether a village counts for the equity rule's group. */
export function inEquityGroup(
  village: PlanVillage,
  group: 'desa' | 'below_threshold',
  threshold: number,
): boolean {
  return group === 'desa' ? village.kind !== 'kelurahan' : village.skillsIndex < threshold;
}

interface VillageOption {
  village: PlanVillage;
  sector: Sector;
  effect: SectorEffect;
  coefficient: number;
}

/**
 * Builds the assignment problem: which (village or district, sector) pairs may receive events,
 * from which pool of volunteers, with what expected gain. A village may be planned in a sector
 * when its access index reaches `minAccess`, it is below its target, it was never mentored in
 * the sector or not for `remindAfterYears`, an effect estimate exists for the sector, and a pool
 * of that sector's volunteers reaches it under the travel rule.
 *
 * Volunteers of one sector and travel area are interchangeable (tier only sets capacity), so they
 * are pooled: the program has one column per (unit, sector), not per (volunteer, unit), which
 * keeps the national model at a few hundred thousand columns instead of billions.
 *
 * @example
 * ```ts
 * const model = buildPlanModel(data, resolvePlanRequest({ code: '35.05', horizon: { year: 2026 } }));
 * model.candidates.length; // (village, sector) pairs the program chooses among
 * ```
 */
export function buildPlanModel(data: PlanData, request: ResolvedPlanRequest): PlanModel {
  const scope = data.scope.code ?? '';
  const travel = request.travel;

  // Pools: one per travel area and sector, for volunteers whose area overlaps the scope.
  const poolIndex = new Map<string, number>();
  const pools: PlanPool[] = [];
  const homeTooCoarse: PanduVolunteer[] = [];
  const volunteers = [...data.volunteers].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const v of volunteers) {
    const area = travelArea(v.homeRegionCode, travel);
    if (area === null) {
      if (nests(v.homeRegionCode, scope)) homeTooCoarse.push(v);
      continue;
    }
    if (!nests(area, scope)) continue;
    const key = `${area}|${v.sector}`;
    let p = poolIndex.get(key);
    if (p === undefined) {
      p = pools.length;
      poolIndex.set(key, p);
      pools.push({ area, sector: v.sector, capacity: 0, volunteers: [] });
    }
    const pool = pools[p]!;
    pool.capacity += request.capacities[v.tier];
    pool.volunteers.push(v);
  }

  const excluded = { lowAccess: 0, noGap: 0, recentlyMentored: 0 };
  const lastAllowed = request.horizon.year - request.remindAfterYears;
  const weightOf = (s: Sector) => (request.favouredSectors.includes(s) ? request.favourWeight : 1);

  // The (village, sector) options, before grouping into units.
  const options: VillageOption[] = [];
  for (const village of data.villages) {
    if (village.accessIndex < request.minAccess) {
      excluded.lowAccess++;
      continue;
    }
    const gap = villageGap(village);
    if (!(gap > 0)) {
      excluded.noGap++;
      continue;
    }
    let recent = 0;
    for (const { code: sector } of SECTORS) {
      const last = village.lastMentored[sector];
      if (last !== undefined && last > lastAllowed) {
        recent++;
        continue;
      }
      const effect = effectFor(data.effects, sector, village.kind);
      if (!effect) continue;
      const perPoint =
        request.objective === 'estimate' ? effect.estimate : Math.max(0, effect.ci95[0]);
      const coefficient = gap * perPoint * weightOf(sector);
      // Below 1e-12 a coefficient is zero to the solver (its tolerances are far coarser).
      if (!(coefficient > 1e-12)) continue;
      options.push({ village, sector, effect, coefficient });
    }
    if (recent === SECTORS.length) excluded.recentlyMentored++;
  }

  const units: PlanUnit[] = [];
  const candidates: PlanCandidate[] = [];
  const unitIndex = new Map<string, number>();
  const unitOf = (code: string, area: string) => {
    let u = unitIndex.get(code);
    if (u === undefined) {
      u = units.length;
      unitIndex.set(code, u);
      units.push({ code, area, villages: [], cap: 0 });
    }
    return u;
  };
  const equity = request.equity;
  const groupOf = (v: PlanVillage) =>
    equity && inEquityGroup(v, equity.group, request.threshold) ? 1 : 0;
  const expectedOf = (v: PlanVillage, effect: SectorEffect) => {
    const gap = villageGap(v);
    const gain = {
      estimate: gap * effect.estimate,
      low: gap * effect.ci95[0],
      high: gap * effect.ci95[1],
    };
    const change = { estimate: effect.estimate, low: effect.ci95[0], high: effect.ci95[1] };
    const lifted = (d: number) =>
      v.skillsIndex < request.threshold && v.skillsIndex + d >= request.threshold ? 1 : 0;
    const crossings = {
      estimate: lifted(effect.estimate),
      low: lifted(effect.ci95[0]),
      high: lifted(effect.ci95[1]),
    };
    return { gain, change, crossings };
  };

  if (request.grain === 'village') {
    for (const o of options) {
      const area = travelArea(o.village.code, travel)!;
      const pool = poolIndex.get(`${area}|${o.sector}`);
      if (pool === undefined || pools[pool]!.capacity === 0) continue;
      const u = unitOf(o.village.code, area);
      const unit = units[u]!;
      if (unit.villages.length === 0) {
        unit.villages.push(o.village);
        unit.cap = request.maxEventsPerVillage;
      }
      const e = expectedOf(o.village, o.effect);
      candidates.push({
        unit: u,
        pool,
        sector: o.sector,
        cap: 1,
        coefficient: o.coefficient,
        gain: e.gain,
        indexChange: e.change,
        crossings: e.crossings,
        groupShare: groupOf(o.village),
        effect: o.effect,
      });
    }
  } else {
    // Districts: the options of each (district, sector) averaged; one event per eligible village.
    const groups = new Map<string, VillageOption[]>();
    for (const o of options) {
      const key = `${o.village.code.slice(0, CODE_LENGTH.district)}|${o.sector}`;
      const list = groups.get(key);
      if (list) list.push(o);
      else groups.set(key, [o]);
    }
    for (const [key, list] of groups) {
      const [district, sector] = key.split('|') as [string, Sector];
      const area = travelArea(district, travel)!;
      const pool = poolIndex.get(`${area}|${sector}`);
      if (pool === undefined || pools[pool]!.capacity === 0) continue;
      const u = unitOf(district, area);
      const unit = units[u]!;
      for (const o of list) {
        if (!unit.villages.includes(o.village)) unit.villages.push(o.village);
      }
      const n = list.length;
      const avg = (f: (e: ReturnType<typeof expectedOf>) => Expected) => {
        const sum = { estimate: 0, low: 0, high: 0 };
        for (const o of list) {
          const x = f(expectedOf(o.village, o.effect));
          sum.estimate += x.estimate / n;
          sum.low += x.low / n;
          sum.high += x.high / n;
        }
        return sum;
      };
      candidates.push({
        unit: u,
        pool,
        sector,
        cap: n,
        coefficient: list.reduce((s, o) => s + o.coefficient, 0) / n,
        gain: avg((e) => e.gain),
        indexChange: avg((e) => e.change),
        crossings: avg((e) => e.crossings),
        groupShare: list.reduce((s, o) => s + groupOf(o.village), 0) / n,
        // The all-kinds estimate stands for the district (kinds differ only when estimates do).
        effect: list[0]!.effect,
      });
    }
    for (const unit of units) unit.cap = unit.villages.length * request.maxEventsPerVillage;
  }

  return { request, units, pools, candidates, homeTooCoarse, excluded };
}
