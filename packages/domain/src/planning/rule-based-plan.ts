import { SECTORS, type Sector } from '../sectors.js';
import type { PlanData, PlanVillage, SectorEffect } from './plan-data.js';
import { effectFor, travelArea, villageGap, type PlanModel } from './plan-model.js';

/**
 * The villages in the order today's rule (`mentoring.priorities`) ranks them: access index at
 * least `minAccess`, never mentored in any sector, lowest skills index first; ties to the higher
 * access index, then by code. The db package tests this order equal to the query's.
 *
 * @example
 * ```ts
 * ruleBasedOrder(data.villages, 50)[0]; // the village the rule would visit first
 * ```
 */
export function ruleBasedOrder(villages: readonly PlanVillage[], minAccess: number): PlanVillage[] {
  return villages
    .filter((v) => v.accessIndex >= minAccess && Object.keys(v.lastMentored).length === 0)
    .sort(
      (a, b) =>
        a.skillsIndex - b.skillsIndex ||
        b.accessIndex - a.accessIndex ||
        (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
    );
}

/** One event of the rule-based list: a village, and the sector a volunteer within reach brings. */
export interface RuleBasedEvent {
  village: PlanVillage;
  sector: Sector;
  effect: SectorEffect;
}

/**
 * Today's rule-based list turned into events with the same volunteers: walk the list in rank
 * order and give each village one event from a pool within reach that still has capacity. The rule
 * names no sector, so it gets the benefit of the doubt: the sector with the largest estimated
 * effect among the pools that can come. It stops when no capacity is left or the list ends.
 *
 * @example
 * ```ts
 * ruleBasedEvents(data, model).length; // events the rule's list would use
 * ```
 */
export function ruleBasedEvents(data: PlanData, model: PlanModel): RuleBasedEvent[] {
  const { request } = model;
  const left = new Map(model.pools.map((p) => [`${p.area}|${p.sector}`, p.capacity]));
  const events: RuleBasedEvent[] = [];
  for (const village of ruleBasedOrder(data.villages, request.minAccess)) {
    const area = travelArea(village.code, request.travel);
    if (area === null) continue;
    let best: { sector: Sector; effect: SectorEffect } | undefined;
    for (const { code: sector } of SECTORS) {
      if ((left.get(`${area}|${sector}`) ?? 0) <= 0) continue;
      const effect = effectFor(data.effects, sector, village.kind);
      if (effect && (!best || effect.estimate > best.effect.estimate)) best = { sector, effect };
    }
    if (!best) continue;
    const key = `${area}|${best.sector}`;
    left.set(key, (left.get(key) ?? 0) - 1);
    events.push({ village, ...best });
  }
  return events;
}

/** The gap a rule-based event closes: effect x gap, as the plan counts it. */
export function ruleBasedGain(event: RuleBasedEvent): number {
  return villageGap(event.village) * event.effect.estimate;
}
