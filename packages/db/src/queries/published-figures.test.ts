import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPublishedFigures } from '../seed/load-published-figures.js';
import { seededTestDatabase, type SeededTestDatabase } from '../testing/seeded-test-database.js';
import { publishedFigures } from './published-figures.js';

describe('publishedFigures', () => {
  let t: SeededTestDatabase;
  beforeAll(async () => {
    t = await seededTestDatabase(['75']);
  });
  afterAll(() => t?.cleanup());

  it('returns every stored figure, labelled published, and filters by dataset, year and scope', async () => {
    const all = await publishedFigures(t.db);
    expect(all).toHaveLength(loadPublishedFigures().length);
    expect(new Set(all.map((f) => f.source))).toEqual(new Set(['published']));
    const iptik = await publishedFigures(t.db, { dataset: 'iptik', year: 2024, scope: 'province' });
    expect(iptik).toHaveLength(34);
    expect(iptik.find((f) => f.regionCode === '31')?.value).toBe(7.88);
    expect(iptik.find((f) => f.regionCode === '91')?.note).toBe('pre-2022 borders');
    const national = await publishedFigures(t.db, {
      dataset: 'ild',
      scope: 'national',
      year: 2021,
    });
    expect(national.map((f) => [f.measure, f.value])).toEqual([
      ['digital_culture', 3.9],
      ['digital_ethics', 3.53],
      ['digital_safety', 3.1],
      ['digital_skills', 3.44],
      ['index', 3.49],
    ]);
    await expect(publishedFigures(t.db, { year: 20.5 })).rejects.toThrow(/year/);
  });
});
