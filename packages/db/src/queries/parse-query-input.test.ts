import { describe, expect, it } from 'vitest';
import { DEFAULT_MEASURE } from '../sql/index.js';
import { LorenzInput } from './lorenz.js';
import { MentoringCoverageInput } from './mentoring-coverage.js';
import { MentoringImpactInput } from './mentoring-impact.js';
import { parseQueryInput } from './parse-query-input.js';
import { QueryInputError } from './query-input-error.js';
import { SearchRegionsInput } from './search-regions.js';
import { TimeseriesInput } from './timeseries.js';

describe('query input parsers', () => {
  it('default the measure to skills_index and accept every IndexMeasure', () => {
    expect(DEFAULT_MEASURE).toBe('skills_index');
    expect(parseQueryInput(TimeseriesInput, {}).measure).toBeUndefined();
    for (const m of ['skills_index', 'access_index', 'digital_safety'] as const) {
      expect(parseQueryInput(TimeseriesInput, { measure: m }).measure).toBe(m);
    }
  });

  it('name the field and the bad value', () => {
    for (const [call, field, fragment] of [
      [() => parseQueryInput(TimeseriesInput, { measure: 'year' }), 'measure', '"year"'],
      [
        () => parseQueryInput(MentoringImpactInput, { sector: 'kesehatan' }),
        'sector',
        '"kesehatan"',
      ],
      [() => parseQueryInput(LorenzInput, { year: 20244 }), 'year', '20244'],
      [() => parseQueryInput(MentoringCoverageInput, { from: 2024.5 }), 'from', '2024.5'],
      [() => parseQueryInput(LorenzInput, { year: '2024' }), 'year', '"2024"'],
      [() => parseQueryInput(SearchRegionsInput, { q: 'x', limit: 0 }), 'limit', 'got 0'],
      [() => parseQueryInput(SearchRegionsInput, { q: 'x', limit: 101 }), 'limit', 'got 101'],
    ] as const) {
      let error: unknown;
      try {
        call();
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(QueryInputError);
      expect((error as QueryInputError).field).toBe(field);
      expect((error as QueryInputError).message).toContain(`invalid ${field}: `);
      expect((error as QueryInputError).message).toContain(fragment);
    }
  });

  it('leave an absent sector absent and an absent limit absent (the query picks its default)', () => {
    expect(parseQueryInput(MentoringImpactInput, {}).sector).toBeUndefined();
    expect(parseQueryInput(MentoringImpactInput, { sector: 'umkm' }).sector).toBe('umkm');
    expect(parseQueryInput(SearchRegionsInput, { q: 'x' }).limit).toBeUndefined();
    expect(parseQueryInput(LorenzInput, { year: 2024 }).year).toBe(2024);
  });

  it('name a missing required field, and keep the ZodError as the cause', () => {
    const error = (() => {
      try {
        return parseQueryInput(LorenzInput, {});
      } catch (e) {
        return e;
      }
    })() as QueryInputError;
    expect(error).toBeInstanceOf(QueryInputError);
    expect(error.field).toBe('year');
    expect(error.message).toMatch(/^invalid year: .*, got nothing$/);
    expect((error.cause as Error).name).toBe('ZodError');
  });
});
