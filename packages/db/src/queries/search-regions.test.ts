import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { openDatabase } from '../open-database.js';
import type { Database } from '../schema/database.js';
import { QueryInputError } from './query-input-error.js';
import { regionsTestDatabase } from './regions-test-database.js';
import { prepareRegionSearch, searchRegions, type RegionMatch } from './search-regions.js';

const MATCH_ORDER: readonly RegionMatch[] = ['exact', 'prefix', 'fuzzy', 'substring', 'code'];

// Issue 11's cases ("Search that forgives") and the province short names it lists, with the place
// a person typing them means, found first.
const FIRST: readonly [string, string][] = [
  ['kab blitar', '35.05'],
  ['Plosorejo Blitar', '35.05.04.2014'],
  ['Jatim', '35'],
  ['DKI', '31'],
  ['kota malang', '35.73'],
  ['Jakarta', '31'],
  ['Jateng', '33'],
  ['Jabar', '32'],
  ['DIY', '34'],
  ['Kaltim', '64'],
  ['NTB', '52'],
  ['NTT', '53'],
  ['Sulsel', '73'],
  ['jawa timur', '35'],
  ['kec kademangan', '35.05.04'],
  ['kademangan blitar', '35.05.04'],
  ['plosorejo kademangan', '35.05.04.2014'],
  ['blitar jatim', '35.72'],
];

describe('searchRegions', () => {
  let db: Kysely<Database>;
  beforeAll(async () => {
    db = await regionsTestDatabase();
  });
  afterAll(() => db?.destroy());

  it('finds the 11 villages named Plosorejo, the lowercase one too, told apart by ancestors', async () => {
    const all = await searchRegions(db, { q: 'Plosorejo' });
    // The 11 first, then names a typo or two away (Plosorejo's neighbours: Ploso Rejo, Plasarejo).
    const result = { ...all, hits: all.hits.slice(0, 11) };
    expect(all.hits.filter((h) => h.match === 'exact')).toHaveLength(11);
    expect(result.hits.every((h) => h.level === 'village' && h.match === 'exact')).toBe(true);
    expect(all.hits.slice(11).every((h) => h.match === 'fuzzy')).toBe(true);
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

  it.each(FIRST)('finds what %s means first', async (q, code) => {
    const result = await searchRegions(db, { q });
    expect(result.hits[0]?.code).toBe(code);
  });

  it('forgives typos: Blitr, Pelosorejo', async () => {
    const blitr = await searchRegions(db, { q: 'Blitr' });
    expect(blitr.hits.slice(0, 2).map((h) => h.code)).toEqual(['35.72', '35.05']);
    expect(blitr.hits[0]?.match).toBe('fuzzy');
    const pelosorejo = await searchRegions(db, { q: 'Pelosorejo' });
    const plosorejo = await searchRegions(db, { q: 'Plosorejo' });
    expect(new Set(pelosorejo.hits.slice(0, 11).map((h) => h.code))).toEqual(
      new Set(plosorejo.hits.slice(0, 11).map((h) => h.code)),
    );
  });

  it('finds by a typo exactly the regions DuckDB puts within the edit distance', async () => {
    // Up to 7 letters one edit, from 8 letters two; against DuckDB's own levenshtein, an
    // implementation independent of MiniSearch's, over the words of every name.
    for (const [q, distance] of [
      ['blitr', 1],
      ['pelosorejo', 2],
    ] as const) {
      const result = await searchRegions(db, { q, limit: 100 });
      const expected = await sql<{ code: string }>`
        select code from regions
        where list_min(list_transform(
          regexp_split_to_array(regexp_replace(search_name, '[''"]', '', 'g'), '[^a-z0-9]+'),
          w -> levenshtein(w, ${q}))) <= ${distance}
          or contains(search_name, ${q})`.execute(db);
      expect(result.total).toBe(expected.rows.length);
      expect(new Set(result.hits.map((h) => h.code))).toEqual(
        new Set(expected.rows.map((r) => r.code)),
      );
    }
  });

  it('ranks whole words, then word starts, then typos, then words containing the query', async () => {
    const result = await searchRegions(db, { q: 'blitar', limit: 100 });
    expect(result.hits.slice(0, 2).map((h) => h.code)).toEqual(['35.72', '35.05']);
    const ranks = result.hits.map((h) => MATCH_ORDER.indexOf(h.match));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    // Within a match, higher levels first.
    const exact = result.hits.filter((h) => h.match === 'exact').map((h) => h.level);
    expect(exact.slice(0, 2)).toEqual(['regency', 'regency']);
    expect(exact.slice(2).every((l) => l === 'village' || l === 'district')).toBe(true);

    // 'ploso': the regions with a word 'ploso', then with a word starting with it, then typos,
    // then the rest containing it; the sets counted here by DuckDB.
    const ploso = await searchRegions(db, { q: 'ploso', limit: 100 });
    const counted = await sql<{ exact: number; prefix: number; inside: number }>`
      select count(*) filter (where list_contains(w, 'ploso'))::integer as exact,
        count(*) filter (where not list_contains(w, 'ploso')
          and len(list_filter(w, x -> starts_with(x, 'ploso'))) > 0)::integer as prefix,
        count(*) filter (where contains(search_name, 'ploso'))::integer as inside
      from (select search_name, regexp_split_to_array(search_name, '[^a-z0-9]+') as w from regions)`.execute(
      db,
    );
    const c = counted.rows[0];
    const matches = ploso.hits.map((h) => h.match);
    expect(matches.filter((m) => m === 'exact')).toHaveLength(c?.exact ?? -1);
    expect(matches.filter((m) => m === 'prefix')).toHaveLength(c?.prefix ?? -1);
    // Every region containing 'ploso' is found, as exact, prefix or substring; typos come on top.
    expect(ploso.total).toBeGreaterThanOrEqual(c?.inside ?? Infinity);
    for (const hit of ploso.hits.filter((h) => h.match === 'substring')) {
      expect(hit.name.toLowerCase()).toContain('ploso');
    }
  });

  it('matches several words across a place and its ancestors, one at least its own', async () => {
    const result = await searchRegions(db, { q: 'plosorejo blitar', limit: 100 });
    for (const hit of result.hits) {
      expect(hit.name.toLowerCase()).toContain('plosorejo');
      expect(hit.label.toLowerCase()).toContain('blitar');
    }
    // The province short name counts as the province's name for its descendants too...
    const jatim = await searchRegions(db, { q: 'blitar jatim', limit: 100 });
    expect(jatim.hits.map((h) => h.code)).toContain('35.05');
    expect(jatim.hits.map((h) => h.code)).not.toContain('33.04.08.2015'); // Blitar in Jawa Tengah
    // ...but a village of Jawa Timur whose name is near 'jatim' (Jati) is not 'Jatim'.
    const alone = await searchRegions(db, { q: 'jatim', limit: 100 });
    expect(alone.hits[0]?.code).toBe('35');
    expect(alone.hits.slice(1).every((h) => h.match !== 'exact')).toBe(true);
    const jati = alone.hits.find((h) => h.name === 'Jati' && h.code.startsWith('35.'));
    expect(jati?.match).toBe('fuzzy');
  });

  it('reads kind words against the kind: kab, kota, kec, desa, kel', async () => {
    const kab = await searchRegions(db, { q: 'kab blitar' });
    expect(kab.hits.map((h) => h.code)).toEqual(['35.05']);
    const kota = await searchRegions(db, { q: 'kota malang' });
    expect(kota.hits.map((h) => h.code)).not.toContain('35.07'); // Kabupaten Malang
    const kec = await searchRegions(db, { q: 'kec kademangan', limit: 100 });
    expect(kec.hits.every((h) => h.level === 'district')).toBe(true);
    const desa = await searchRegions(db, { q: 'desa plosorejo', limit: 100 });
    expect(desa.hits.every((h) => h.kind === 'desa' || h.kind === 'desa_adat')).toBe(true);
    const kel = await searchRegions(db, { q: 'kel kepanjen', limit: 100 });
    expect(kel.hits.length).toBeGreaterThan(0);
    expect(kel.hits.every((h) => h.kind === 'kelurahan')).toBe(true);
    // A kind word alone is a name: places called Kota...
    const alone = await searchRegions(db, { q: 'kota' });
    expect(alone.total).toBeGreaterThan(0);
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
    expect(many.total).toBeGreaterThan(1_000);
    expect((await searchRegions(db, { q: 'a', limit: 100 })).hits).toHaveLength(100);
    expect((await searchRegions(db, { q: 'a', limit: 1 })).hits).toHaveLength(1);
    expect((await searchRegions(db, { q: '%' })).total).toBe(0);
    expect((await searchRegions(db, { q: '_' })).total).toBe(0);
    expect((await searchRegions(db, { q: "ma'" })).total).toBeGreaterThanOrEqual(0);
  });

  it('rebuilds its index when the regions table is written (the seed, into an empty table)', async () => {
    const empty = await openDatabase(':memory:');
    try {
      await prepareRegionSearch(empty);
      expect((await searchRegions(empty, { q: 'blitar' })).total).toBe(0);
      await sql`insert into regions values
        ('35', 'Jawa Timur', 'province', null, '35', null, null, null, 'jawa timur'),
        ('35.05', 'Kabupaten Blitar', 'regency', '35', '35', '35.05', null, null, 'kabupaten blitar')`.execute(
        empty,
      );
      const result = await searchRegions(empty, { q: 'blitr' });
      expect(result.hits.map((h) => h.label)).toEqual(['Kabupaten Blitar, Jawa Timur']);
    } finally {
      await empty.destroy();
    }
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
