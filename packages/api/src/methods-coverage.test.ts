import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METHODS } from '@pandu/domain';
import { apiTestContext } from './testing/api-test-context.js';

// Issue 12: every statistic the API returns is on the methods page (/metode) and in METHODS.md,
// which are both generated from the domain's METHODS. The fields are read from real answers, so a
// statistic added to a procedure without its method fails here.

/** Fields of an answer that describe the question, not a statistic. */
const NOT_STATISTICS = new Set([
  'code',
  'level',
  'year',
  'measure',
  'n',
  'missing',
  'threshold',
  'kind',
  'sector',
  'name',
  'method',
  'coverage',
  'fit',
  'partialExcluded',
  'years',
]);

const documented = new Set(METHODS.flatMap((m) => m.api));

function undocumented(procedure: string, answer: object): string[] {
  return Object.keys(answer)
    .filter((key) => !NOT_STATISTICS.has(key))
    .map((key) => `${procedure}.${key}`)
    .filter((field) => !documented.has(field) && !documented.has(procedure));
}

describe('the methods cover the API', () => {
  let t: Awaited<ReturnType<typeof apiTestContext>>;
  beforeAll(async () => {
    t = await apiTestContext();
  });
  afterAll(() => t?.cleanup());

  it('names every statistic of the divide procedures', async () => {
    const year = 2024;
    expect(
      undocumented('divide.summary', await t.caller.divide.summary({ code: '35.05', year })),
    ).toEqual([]);
    expect(
      undocumented('divide.convergence', await t.caller.divide.convergence({ code: '35.05' })),
    ).toEqual([]);
    expect(
      undocumented('divide.lorenz', await t.caller.divide.lorenz({ code: '35.05', year })),
    ).toEqual([]);
    expect(
      undocumented(
        'divide.distribution',
        await t.caller.divide.distribution({ code: '35.05', year }),
      ),
    ).toEqual([]);
    expect(
      undocumented(
        'divide.childrenInRange',
        await t.caller.divide.childrenInRange({ code: '35.05', year, from: 1, to: 3 }),
      ),
    ).toEqual([]);
  });

  it('names the index, impact and priority figures', async () => {
    expect(documented.has('index.timeseries.points')).toBe(true);
    const impact = await t.caller.mentoring.impact({ code: '35.05' });
    // The impact estimate's fields are the DiD method's, named by the procedure.
    expect(impact.estimate).toBeTypeOf('number');
    expect(documented.has('mentoring.impact')).toBe(true);
    expect(documented.has('mentoring.priorities')).toBe(true);
    expect(documented.has('divide.childConvergence')).toBe(true);
  });

  it('has every method in both languages, with its formula and a citation', () => {
    for (const m of METHODS) {
      for (const text of [m.title, m.counts, m.unit, ...m.edgeCases]) {
        expect(text.id.length, `${m.id} id`).toBeGreaterThan(0);
        expect(text.en.length, `${m.id} en`).toBeGreaterThan(0);
      }
      expect(m.counts.id, `${m.id}: the Indonesian text is not the English one`).not.toBe(
        m.counts.en,
      );
      expect(m.formula.length).toBeGreaterThan(0);
      expect(m.citation.length).toBeGreaterThan(0);
    }
  });
});
