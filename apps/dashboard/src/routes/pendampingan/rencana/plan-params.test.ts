import { describe, expect, it } from 'vitest';
import { defaultHorizon, parsePlanParams, planQuery, planRequest } from './plan-params.js';

describe('the plan inputs in the URL', () => {
  it('defaults: Blitar for the year after the data, regency travel, tier capacities by period', () => {
    const p = parsePlanParams(new URLSearchParams('region=35.05'), 2026);
    expect(planRequest(p)).toEqual({
      code: '35.05',
      horizon: { year: 2026 },
      travel: 'regency',
      grain: 'village',
      capacities: { purwa: 2, madya: 3, utama: 4 },
      favouredSectors: [],
      minAccess: 50,
      objective: 'estimate',
    });
    expect(planQuery(p, 2026)).toBe('?region=35.05');
  });

  it('round-trips every input through the query string', () => {
    const search =
      'region=35&horizon=2027&quarter=2&travel=province&grain=district&favour=umkm%2Cpertanian' +
      '&equity=desa&share=80&purwa=3&minAccess=40&objective=cautious';
    const p = parsePlanParams(new URLSearchParams(search), 2026);
    expect(p.capacities).toEqual({ purwa: 3, madya: 1, utama: 1 });
    expect(planRequest(p).equity).toEqual({ group: 'desa', minShare: 0.8 });
    expect(parsePlanParams(new URLSearchParams(planQuery(p, 2026)), 2026)).toEqual(p);
  });

  it("reads a form's repeated checkboxes and drops malformed values to their defaults", () => {
    const p = parsePlanParams(
      new URLSearchParams(
        'favour=umkm&favour=kesehatan&favour=umkm&travel=city&purwa=-1&region=35-05',
      ),
      2026,
    );
    expect(p.favour).toEqual(['umkm']);
    expect(p.travel).toBe('regency');
    expect(p.capacities.purwa).toBe(2);
    expect(p.region).toBeNull();
  });
});

describe('defaultHorizon', () => {
  it('is the year after the data’s latest', () => {
    expect(defaultHorizon([2020, 2025])).toBe(2026);
    expect(defaultHorizon([])).toBe(2026);
  });
});
