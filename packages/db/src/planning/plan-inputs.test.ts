import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  InvalidRegionCodeError,
  PlanInfeasibleError,
  createPlan,
  ruleBasedOrder,
  type PlanSolver,
} from '@pandu/domain';
import { loadHighsSolver } from '@pandu/domain/planning-solver';
import { NoDataError, UnknownRegionError } from '../errors.js';
import { mentoringPriorities } from '../queries/mentoring-priorities.js';
import { QueryInputError } from '../queries/query-input-error.js';
import { seededTestDatabase, type SeededTestDatabase } from '../testing/seeded-test-database.js';
import { planInputs } from './plan-inputs.js';

describe('planInputs', () => {
  let t: SeededTestDatabase;
  let solver: PlanSolver;
  beforeAll(async () => {
    t = await seededTestDatabase(['35']);
    solver = await loadHighsSolver();
  });
  afterAll(() => t.cleanup());

  it("reads Blitar's villages, targets, history, volunteers and effects for 2026", async () => {
    const data = await planInputs(t.db, { code: '35.05', horizon: { year: 2026 } });
    expect(data.scope).toEqual({ code: '35.05', name: 'Kabupaten Blitar', level: 'regency' });
    expect(data.dataYear).toBe(2025);
    const villages = await t.db
      .selectFrom('village_index')
      .select(['village_code'])
      .where('regency_code', '=', '35.05')
      .where('year', '=', 2025)
      .where('skills_index', 'is not', null)
      .where('access_index', 'is not', null)
      .execute();
    expect(data.villages.map((v) => v.code)).toEqual(villages.map((v) => v.village_code).sort());
    // Targets: one per kind of the province, so villages of a kind share it.
    const desa = new Set(data.villages.filter((v) => v.kind === 'desa').map((v) => v.target));
    expect(desa.size).toBe(1);
    // Some villages were mentored, none after the horizon starts.
    const years = data.villages.flatMap((v) => Object.values(v.lastMentored));
    expect(years.length).toBeGreaterThan(0);
    expect(Math.max(...years)).toBeLessThan(2026);
    // Volunteers of the province (a province travel rule may bring them to Blitar).
    expect(data.volunteers.every((v) => v.homeRegionCode.startsWith('35'))).toBe(true);
    expect(data.volunteers.some((v) => v.homeRegionCode === '35.05')).toBe(true);
    expect(data.effects.map((e) => e.sector).sort()).toEqual(
      ['desa_wisata_digital', 'pendidikan', 'pertanian', 'umkm'].sort(),
    );
    for (const e of data.effects) {
      expect(e.ci95[0]).toBeLessThan(e.estimate);
      expect(e.source).toContain('Jawa Timur (35)');
    }
    expect(data.regionNames['35.05.04']).toBe('Kademangan');
  });

  it('gives the same effects on every call (regression: parallel float sums differed in the last bits)', async () => {
    const request = { code: '35.05', horizon: { year: 2026 } };
    const runs = await Promise.all([1, 2, 3].map(() => planInputs(t.db, request)));
    for (const run of runs.slice(1)) expect(run.effects).toEqual(runs[0]!.effects);
  });

  it('an uploaded list of volunteers replaces the table', async () => {
    const volunteers = [
      { id: 'up-1', tier: 'madya', sector: 'umkm', homeRegionCode: '35.05', joinedYear: 2025 },
    ] as const;
    const request = { code: '35.05', horizon: { year: 2026 }, volunteers: [...volunteers] };
    const data = await planInputs(t.db, request);
    expect(data.volunteers).toEqual(volunteers);
    const plan = createPlan(data, request, solver);
    expect(plan.request.uploadedVolunteers).toBe(1);
    expect(plan.outcome.events).toBe(3);
    expect(plan.assignments.every((a) => a.volunteers[0]?.id === 'up-1')).toBe(true);
  });

  it("orders villages as mentoring.priorities' rule does", async () => {
    const data = await planInputs(t.db, { code: '35.05', horizon: { year: 2026 } });
    const rule = await mentoringPriorities(t.db, { code: '35.05', limit: 100 });
    expect(rule.year).toBe(data.dataYear);
    expect(
      ruleBasedOrder(data.villages, rule.minAccess)
        .map((v) => v.code)
        .slice(0, 100),
    ).toEqual(rule.villages.map((v) => v.code));
  });

  it("the plan's expected gain is at least the rule-based list's on the seeded data", async () => {
    for (const code of ['35.05', '35.07', '35']) {
      const request = { code, horizon: { year: 2026 } };
      const plan = createPlan(await planInputs(t.db, request), request, solver);
      const rule = plan.comparisons.find((c) => c.label === 'rule_based')!;
      expect(plan.outcome.events).toBeGreaterThan(0);
      expect(rule.margin, code).toBeGreaterThanOrEqual(0);
      expect(plan.outcome.expectedGain.estimate).toBeGreaterThan(rule.expectedGain.estimate);
    }
  });

  it('an equity rule no eligible village can meet is explained, not an empty plan', async () => {
    // In 2025 no village of Blitar is below the skills threshold of 3.
    const request = {
      code: '35.05',
      horizon: { year: 2026 },
      equity: { group: 'below_threshold', minShare: 0.2 },
    } as const;
    const data = await planInputs(t.db, request);
    expect(() => createPlan(data, request, solver)).toThrow(PlanInfeasibleError);
    expect(() => createPlan(data, request, solver)).toThrow(/villages below the threshold/);
  });

  it('names bad input as the other queries do', async () => {
    await expect(planInputs(t.db, { code: '35-05', horizon: { year: 2026 } })).rejects.toThrow(
      InvalidRegionCodeError,
    );
    await expect(planInputs(t.db, { code: '35.99', horizon: { year: 2026 } })).rejects.toThrow(
      UnknownRegionError,
    );
    await expect(
      planInputs(t.db, { code: '35.05.04.2014', horizon: { year: 2026 } }),
    ).rejects.toThrow(QueryInputError);
    await expect(planInputs(t.db, { code: '35.05', horizon: { year: 2019 } })).rejects.toThrow(
      NoDataError,
    );
    await expect(
      planInputs(t.db, { code: '35.05', horizon: { year: 2026 }, travel: 'city' as 'regency' }),
    ).rejects.toThrow(QueryInputError);
  });
});
