import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { Database } from '../schema/database.js';
import { QueryInputError } from './query-input-error.js';
import { regionsTestDatabase } from './regions-test-database.js';
import { searchRegions, type RegionMatch } from './search-regions.js';

const MATCH_ORDER: readonly RegionMatch[] = ['exact', 'prefix', 'word', 'substring', 'code'];

describe('searchRegions', () => {
  let db: Kysely<Database>;
  beforeAll(async () => {
    db = await regionsTestDatabase();
  });
  afterAll(() => db?.destroy());

  it('finds the 11 villages named Plosorejo, the lowercase one too, told apart by ancestors', async () => {
    const result = await searchRegions(db, { q: 'Plosorejo' });
    expect(result.total).toBe(11);
    expect(result.hits).toHaveLength(11);
    expect(result.hits.every((h) => h.level === 'village' && h.match === 'exact')).toBe(true);
    expect(result.hits.find((h) => h.code === '33.16.13.2008')?.name).toBe('plosorejo');
    const blitar = result.hits.find((h) => h.code === '35.05.04.2014');
    expect(blitar?.label).toBe('Plosorejo, Kademangan, Kabupaten Blitar, Jawa Timur');
    expect(blitar?.ancestors.map((a) => a.level)).toEqual(['province', 'regency', 'district']);
    expect(new Set(result.hits.map((h) => h.label)).size).toBe(11);
  });

  it('ignores case, accents and surrounding whitespace', async () => {
    const codes = (await searchRegions(db, { q: 'plosorejo' })).hits.map((h) => h.code);
    for (const q of ['PLOSOREJO', '  plosoREJO ', 'Plösorejo', 'PLÒSÓREJO']) {
      const result = await searchRegions(db, { q });
      expect(result.q).toBe('plosorejo');
      expect(result.hits.map((h) => h.code)).toEqual(codes);
    }
  });

  it('ranks exact names, then prefixes, then word starts, then substrings', async () => {
    const result = await searchRegions(db, { q: 'blitar', limit: 100 });
    expect(result.hits.slice(0, 2).map((h) => h.code)).toEqual(['35.72', '35.05']);
    const ranks = result.hits.map((h) => MATCH_ORDER.indexOf(h.match));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(result.hits.filter((h) => h.match === 'exact').map((h) => h.level)).toEqual([
      'regency',
      'regency',
      'village',
      'village',
    ]);
    for (const hit of result.hits) expect(hit.name.toLowerCase()).toContain('blitar');
    // 'ploso': 16 named Ploso, 37 starting with it (Plosorejo, ...), 6 containing it.
    const ploso = await searchRegions(db, { q: 'ploso', limit: 100 });
    expect(ploso.total).toBe(59);
    const matches = ploso.hits.map((h) => h.match);
    expect(matches.lastIndexOf('exact')).toBe(15);
    expect(matches.lastIndexOf('prefix')).toBe(52);
    expect(matches.slice(53).every((m) => m === 'substring')).toBe(true);
    for (const hit of ploso.hits.slice(53)) {
      expect(hit.name.toLowerCase().startsWith('ploso')).toBe(false);
      expect(hit.name.toLowerCase()).toContain('ploso');
    }
  });

  it('matches codes by prefix when the query is digits and dots', async () => {
    const result = await searchRegions(db, { q: '35.05.04' });
    expect(result.hits[0]?.code).toBe('35.05.04');
    expect(result.hits.every((h) => h.code.startsWith('35.05.04') && h.match === 'code')).toBe(
      true,
    );
    expect(result.total).toBe(16); // the district and its 15 villages
  });

  it('limits to 20 by default and at most 100; wildcards are plain characters', async () => {
    const many = await searchRegions(db, { q: 'a' });
    expect(many.hits).toHaveLength(20);
    expect(many.total).toBeGreaterThan(20_000);
    expect((await searchRegions(db, { q: 'a', limit: 100 })).hits).toHaveLength(100);
    expect((await searchRegions(db, { q: 'a', limit: 1 })).hits).toHaveLength(1);
    expect((await searchRegions(db, { q: '%' })).total).toBe(0);
    expect((await searchRegions(db, { q: '_' })).total).toBe(0);
    expect((await searchRegions(db, { q: "ma'" })).total).toBeGreaterThanOrEqual(0);
  });

  it('refuses an empty query, an overlong one and a limit outside 1-100', async () => {
    for (const [input, field] of [
      [{ q: '' }, 'q'],
      [{ q: '   \t' }, 'q'],
      [{ q: 'x'.repeat(101) }, 'q'],
      [{ q: 'blitar', limit: 0 }, 'limit'],
      [{ q: 'blitar', limit: 101 }, 'limit'],
      [{ q: 'blitar', limit: 2.5 }, 'limit'],
    ] as const) {
      const error = await searchRegions(db, input).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(QueryInputError);
      expect((error as QueryInputError).field).toBe(field);
    }
  });
});
