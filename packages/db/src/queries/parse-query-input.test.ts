import { describe, expect, it } from 'vitest';
import { parseInteger, parseMeasure, parseSector, parseYear } from './parse-query-input.js';
import { QueryInputError } from './query-input-error.js';

describe('query input parsers', () => {
  it('default the measure to skills_index and accept every IndexMeasure', () => {
    expect(parseMeasure(undefined)).toBe('skills_index');
    for (const m of ['skills_index', 'access_index', 'digital_safety'] as const) {
      expect(parseMeasure(m)).toBe(m);
    }
  });

  it('name the field and the bad value', () => {
    for (const [call, field, fragment] of [
      [() => parseMeasure('year'), 'measure', '"year"'],
      [() => parseSector('kesehatan'), 'sector', '"kesehatan"'],
      [() => parseYear('year', 20244), 'year', '20244'],
      [() => parseYear('from', 2024.5), 'from', '2024.5'],
      [() => parseYear('year', '2024'), 'year', '"2024"'],
      [() => parseInteger('limit', 0, { min: 1, max: 100 }), 'limit', 'got 0'],
      [() => parseInteger('limit', 101, { min: 1, max: 100, fallback: 20 }), 'limit', 'got 101'],
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

  it('leave an absent sector absent and use the fallback of an absent integer', () => {
    expect(parseSector(undefined)).toBeUndefined();
    expect(parseSector('umkm')).toBe('umkm');
    expect(parseInteger('limit', undefined, { min: 1, max: 100, fallback: 20 })).toBe(20);
    expect(parseYear('year', 2024)).toBe(2024);
  });
});
