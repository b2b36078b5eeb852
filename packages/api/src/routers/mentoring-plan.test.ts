import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiTestContext } from '../testing/api-test-context.js';

describe('mentoring.plan', () => {
  let t: Awaited<ReturnType<typeof apiTestContext>>;
  beforeAll(async () => {
    t = await apiTestContext();
  });
  afterAll(() => t?.cleanup());

  async function codeOf(call: Promise<unknown>): Promise<[string, string]> {
    try {
      await call;
    } catch (error) {
      if (error instanceof TRPCError) return [error.code, error.message];
      throw error;
    }
    throw new Error('expected the call to fail');
  }

  it('plans Kabupaten Blitar for 2026 with default inputs, every assignment explained', async () => {
    const plan = await t.caller.mentoring.plan({ code: '35.05', horizon: { year: 2026 } });
    expect(plan.scope.name).toBe('Kabupaten Blitar');
    expect(plan.dataYear).toBe(2025);
    expect(plan.request.travel).toBe('regency');
    expect(plan.assignments.length).toBeGreaterThan(0);
    for (const a of plan.assignments) {
      expect(a.code.startsWith('35.05.')).toBe(true);
      expect(a.volunteers.length).toBeGreaterThan(0);
      expect(a.expectedGain.low).toBeLessThanOrEqual(a.expectedGain.estimate);
      expect(a.reason).toMatch(/below the target/);
    }
    expect(plan.comparisons.find((c) => c.label === 'rule_based')!.margin).toBeGreaterThanOrEqual(
      0,
    );
    // JSON-plain: the dashboard gets it over HTTP.
    expect(JSON.parse(JSON.stringify(plan))).toEqual(plan);
  });

  it('returns at most assignmentsLimit assignments, the totals still of the whole plan', async () => {
    const all = await t.caller.mentoring.plan({ code: '35.05', horizon: { year: 2026 } });
    const few = await t.caller.mentoring.plan({
      code: '35.05',
      horizon: { year: 2026 },
      assignmentsLimit: 5,
    });
    expect(few.assignments).toEqual(all.assignments.slice(0, 5));
    expect(few.assignmentsTotal).toBe(all.assignments.length);
    expect(few.byChild).toEqual(all.byChild);
    expect(few.byChild.reduce((s, c) => s + c.events, 0)).toBe(all.outcome.events);
  });

  it('a wider travel rule changes the plan', async () => {
    const regency = await t.caller.mentoring.plan({ code: '35.05', horizon: { year: 2026 } });
    const province = await t.caller.mentoring.plan({
      code: '35.05',
      horizon: { year: 2026 },
      travel: 'province',
    });
    // More volunteers within reach: the optimum can only improve, and the assignments differ.
    expect(province.outcome.expectedGain.estimate).toBeGreaterThanOrEqual(
      regency.outcome.expectedGain.estimate,
    );
    const key = (p: typeof regency) =>
      p.assignments.map((a) => `${a.code} ${a.sector} ${a.volunteers.map((v) => v.id).join(',')}`);
    expect(key(province)).not.toEqual(key(regency));
    expect(province.assignments.every((a) => a.travel.area === '35')).toBe(true);
  });

  it('names its errors as the other procedures do', async () => {
    expect(
      await codeOf(
        t.caller.mentoring.plan({
          code: '35.05',
          horizon: { year: 2026 },
          equity: { group: 'below_threshold', minShare: 0.3 },
        }),
      ),
    ).toEqual(['UNPROCESSABLE_CONTENT', expect.stringMatching(/^no plan: the equity rule asks/)]);
    expect(
      (await codeOf(t.caller.mentoring.plan({ code: '35.99', horizon: { year: 2026 } })))[0],
    ).toBe('NOT_FOUND');
    expect(
      (
        await codeOf(
          t.caller.mentoring.plan({
            code: '35.05',
            horizon: { year: 2026 },
            travel: 'city' as 'regency',
          }),
        )
      )[0],
    ).toBe('BAD_REQUEST');
    expect(
      (await codeOf(t.caller.mentoring.plan({ code: '35.05', horizon: { year: 2019 } })))[0],
    ).toBe('NOT_FOUND');
  });
});
