import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import {
  REGION_KIND_WORDS,
  regionIsKind,
  type RegionKindWord,
  type RegionLevel,
  type VillageKind,
} from '@pandu/domain';
import type { Database } from '../schema/database.js';
import type { RegionRef } from './get-region.js';
import { parseQueryInput } from './parse-query-input.js';
import { QueryLimit } from './query-fields.js';
import {
  ancestorsOf,
  properWordsOf,
  regionSearchIndex,
  regionsWithWord,
  searchWords,
  wordsStartingWith,
  type RegionSearchIndex,
} from './region-search-index.js';

/**
 * How well a hit matched, best first: every query word a whole word of the name (or of an
 * ancestor's name, or a province short name such as `Jatim`), the start of one (`blit`), within a
 * small edit distance of one (`Blitr`, `Pelosorejo`), or inside one (`rejo` in `Plosorejo`); or a
 * code prefix. A hit's match is that of its worst-matched word.
 */
export type RegionMatch = 'exact' | 'prefix' | 'fuzzy' | 'substring' | 'code';

/** One region whose name (or code) matched. */
export interface RegionHit {
  code: string;
  name: string;
  level: RegionLevel;
  /** Villages only. */
  kind: VillageKind | null;
  match: RegionMatch;
  /** Province first, down to the parent: what tells the 11 villages named Plosorejo apart. */
  ancestors: RegionRef[];
  /** The name and its ancestors' names, nearest first: `Plosorejo, Kademangan, Kabupaten Blitar, Jawa Timur`. */
  label: string;
}

export interface RegionSearchResult {
  /** The query as matched: trimmed, lower-case, accents stripped. */
  q: string;
  /** Every match, of which `hits` are the first `limit`. */
  total: number;
  hits: RegionHit[];
}

/** Longest query accepted: the longest region name is well under this. */
export const SEARCH_QUERY_MAX_LENGTH = 100;

/**
 * Input of {@link searchRegions}: `q`, part of a name (any level) or the start of a code such as
 * `35.05`, trimmed, 1 to {@link SEARCH_QUERY_MAX_LENGTH} characters; at most `limit` hits (1 to
 * 100, default 20).
 *
 * @example
 * ```ts
 * SearchRegionsInput.parse({ q: ' plosorejo ', limit: 5 }); // { q: 'plosorejo', limit: 5 }
 * ```
 */
export const SearchRegionsInput = z.object({
  q: z
    .string()
    .trim()
    .min(1, 'must contain at least one character other than whitespace')
    .max(SEARCH_QUERY_MAX_LENGTH, `must be at most ${SEARCH_QUERY_MAX_LENGTH} characters`),
  limit: QueryLimit.optional(),
});
export type SearchRegionsInput = z.input<typeof SearchRegionsInput>;

/**
 * Find regions of every level by name, forgiving the way people type them (issue 11): case and
 * accents do not matter; each word of the query must match a word of the region's own name or of
 * an ancestor's (`Plosorejo Blitar` is the Plosorejo in Kabupaten Blitar, `blitar jatim` the
 * Blitars of Jawa Timur), as a whole word, its start, within one edit (two from eight letters on:
 * `Blitr`, `Pelosorejo`) or, from three letters, inside a word; at least one word must match the
 * region's own name. Province short names count as names of the province (`Jatim`, `DKI`, `NTB`:
 * `PROVINCE_SHORT_NAMES`), kind words as its kind (`kab blitar`, `kota malang`, `kec`, `desa`,
 * `kel`: `REGION_KIND_WORDS`). Ranking: the worst-matched word (exact, prefix, fuzzy, substring),
 * then the sum over words, then the level (provinces and regencies before villages of the same
 * name: `Jakarta` is the province before Jakarta Baru in Maluku), then fewer name words left
 * unmatched, shorter names, code. A query of digits and dots matches codes by prefix instead
 * (`35.05`). The fuzzy matching is MiniSearch's, over an index held in memory per database
 * ({@link regionSearchIndex}).
 *
 * Throws `QueryInputError` for an empty or whitespace-only `q`, a `q` over 100 characters,
 * or a `limit` outside 1 to 100.
 *
 * @example
 * ```ts
 * const r = await searchRegions(db, { q: 'plosorejo blitar' });
 * r.hits[0].label; // 'Plosorejo, Kademangan, Kabupaten Blitar, Jawa Timur'
 * ```
 */
export async function searchRegions(
  db: Kysely<Database>,
  input: SearchRegionsInput,
): Promise<RegionSearchResult> {
  const parsed = parseQueryInput(SearchRegionsInput, input);
  const limit = parsed.limit ?? 20;
  // Normalised by DuckDB's own strip_accents, the function search_name was built with; the row
  // count in the same round trip tells whether the index in memory is still this table's.
  const asked = await sql<{ q: string; regions: number }>`
    select lower(strip_accents(${parsed.q})) as q, (select count(*) from regions)::integer as regions`.execute(
    db,
  );
  const q = asked.rows[0]?.q ?? parsed.q.toLowerCase();
  const index = await regionSearchIndex(db, asked.rows[0]?.regions ?? 0);
  const found = /^[0-9][0-9.]*$/.test(q) ? byCode(index, q) : byWords(index, q);
  return {
    q,
    total: found.length,
    hits: found.slice(0, limit).map(({ at, match }) => toHit(index, at, match)),
  };
}

interface Found {
  /** Position in the index's regions. */
  at: number;
  match: RegionMatch;
}

const LEVEL_RANK: Readonly<Record<RegionLevel, number>> = {
  province: 0,
  regency: 1,
  district: 2,
  village: 3,
};

/** Codes starting with `q`, higher levels first, then in code order. */
function byCode(index: RegionSearchIndex, q: string): Found[] {
  const found: Found[] = [];
  index.regions.forEach((r, at) => {
    if (r.code.startsWith(q)) found.push({ at, match: 'code' });
  });
  return found.sort(
    (a, b) => rank(index, a.at) - rank(index, b.at) || a.at - b.at, // position order is code order
  );
}

function rank(index: RegionSearchIndex, at: number): number {
  const level = index.regions[at]?.level;
  return level ? LEVEL_RANK[level] : 4;
}

// Quality of a word's match, best first; a hit's match is its worst word's. A typo of one edit
// ranks before one of two: 'Pelosorejo' lists the 11 Plosorejo (one edit) before the names two
// edits away.
const QUALITY: readonly RegionMatch[] = ['exact', 'prefix', 'fuzzy', 'fuzzy', 'substring'];
const EXACT = 0;
const PREFIX = 1;
const FUZZY = 2;
const SUBSTRING = 4;

/**
 * Where one query word matches own names: region position -> quality, and the ids of the name
 * words it matched there (those of the best quality).
 */
interface WordMatches {
  quality: Map<number, number>;
  words: Map<number, number[]>;
}

function matchWord(index: RegionSearchIndex, word: string, last: boolean): WordMatches {
  const quality = new Map<number, number>();
  const words = new Map<number, number[]>();
  const add = (wordId: number, q: number) => {
    for (const at of regionsWithWord(index, wordId)) {
      const had = quality.get(at);
      if (had === undefined || q < had) {
        quality.set(at, q);
        words.set(at, [wordId]);
      } else if (q === had) words.get(at)?.push(wordId);
    }
  };
  const seen = new Set<number>();
  // The word and the words it starts: a run of the sorted vocabulary. A one-letter word is a
  // prefix only when it is the last word, the one being typed ('kab b'); before that it would drag
  // in most of the country for nothing.
  const exact = index.wordIds.get(word);
  if (exact !== undefined) {
    seen.add(exact);
    add(exact, EXACT);
  }
  if (word.length >= 2 || last) {
    for (const id of wordsStartingWith(index, word)) {
      if (seen.has(id)) continue;
      seen.add(id);
      add(id, PREFIX);
    }
  }
  // Typos: MiniSearch's fuzzy lookup, one edit, then two for long words (it says which words
  // match, not at what distance, so each distance is its own lookup).
  const maxEdits = word.length >= 8 ? 2 : word.length >= 4 ? 1 : 0;
  for (let edits = 1; edits <= maxEdits; edits++) {
    for (const hit of index.words.search(word, { fuzzy: edits })) {
      const id = hit.id as number;
      if (seen.has(id)) continue;
      seen.add(id);
      add(id, FUZZY + edits - 1);
    }
  }
  // Inside a word (compound names: 'rejo' in 'plosorejo'), from three letters: a plain scan of the
  // vocabulary, a millisecond or two nationally.
  if (word.length >= 3) {
    index.vocabulary.forEach((found, id) => {
      if (!seen.has(id) && found.includes(word)) add(id, SUBSTRING);
    });
  }
  return { quality, words };
}

interface Scored extends Found {
  worst: number;
  sum: number;
  level: number;
  unmatched: number;
  length: number;
}

function byWords(index: RegionSearchIndex, q: string): Found[] {
  const all = searchWords(q);
  // Kind words (kab, kota, kec, desa, kel) are read against the kind, unless the query is nothing
  // else: then they are names ('Kota' alone finds places called Kota...).
  const kinds: { word: string; kind: RegionKindWord }[] = [];
  const names: string[] = [];
  for (const word of all) {
    const kind = REGION_KIND_WORDS[word];
    if (kind) kinds.push({ word, kind });
    else names.push(word);
  }
  if (names.length === 0) {
    names.push(...kinds.map((k) => k.word));
    kinds.length = 0;
  }
  // A word typed twice is looked up once ('sari sari': each still has to match).
  const looked = new Map<string, WordMatches>();
  const matches = names.map((w, i) => {
    const last = i === names.length - 1 && all.at(-1) === w;
    const key = `${last ? 1 : 0}${w}`;
    let m = looked.get(key);
    if (!m) looked.set(key, (m = matchWord(index, w, last)));
    return m;
  });

  const candidates = new Set<number>();
  for (const m of matches) for (const at of m.quality.keys()) candidates.add(at);
  const scored: Scored[] = [];
  for (const at of candidates) {
    const s = score(index, at, matches, kinds);
    if (s) scored.push(s);
  }
  scored.sort(
    (a, b) =>
      a.worst - b.worst ||
      a.sum - b.sum ||
      a.level - b.level ||
      a.unmatched - b.unmatched ||
      a.length - b.length ||
      a.at - b.at,
  );
  return scored;
}

/** The region's score for the query, or null when a word matches neither it nor an ancestor. */
function score(
  index: RegionSearchIndex,
  at: number,
  matches: readonly WordMatches[],
  kinds: readonly { word: string; kind: RegionKindWord }[],
): Scored | null {
  const region = index.regions[at];
  if (!region) return null;
  const properWords = properWordsOf(index, at);
  for (const { word, kind } of kinds) {
    // 'kota baru' still finds the villages called Kota Baru: the word in the name will do.
    if (!regionIsKind(kind, region.level, region.kind, region.name)) {
      const id = index.wordIds.get(word);
      if (id === undefined || !properWords.includes(id)) return null;
    }
  }
  const ancestors = ancestorsOf(index, at);
  // Each word counts where it matches best, the region's own name or an ancestor's; but one word
  // at least must be the region's own, else every village of Jawa Timur with a name near 'jatim'
  // (Jati) would match 'Jatim' as well as the province does.
  const best: number[] = [];
  const ownQuality: (number | undefined)[] = [];
  for (const m of matches) {
    const mine = m.quality.get(at);
    let q = mine;
    for (const a of ancestors) {
      const above = m.quality.get(a);
      if (above !== undefined && (q === undefined || above < q)) q = above;
    }
    if (q === undefined) return null;
    best.push(q);
    ownQuality.push(mine);
  }
  let cheapest = Infinity;
  let forced = -1;
  ownQuality.forEach((mine, i) => {
    const cost = mine === undefined ? Infinity : mine - (best[i] ?? 0);
    if (cost < cheapest) [cheapest, forced] = [cost, i];
  });
  if (forced < 0) return null;
  best[forced] = ownQuality[forced] ?? SUBSTRING;
  const worst = Math.max(...best);
  const sum = best.reduce((a, b) => a + b, 0);
  let unmatched = 0;
  for (const id of properWords) {
    if (!matches.some((m) => m.words.get(at)?.includes(id))) unmatched++;
  }
  return {
    at,
    match: QUALITY[worst] ?? 'substring',
    worst,
    sum,
    level: LEVEL_RANK[region.level],
    unmatched,
    length: region.name.length,
  };
}

function toHit(index: RegionSearchIndex, at: number, match: RegionMatch): RegionHit {
  const region = index.regions[at];
  if (!region) throw new Error(`no region at ${at}`);
  const ancestors: RegionRef[] = [];
  for (const a of ancestorsOf(index, at)) {
    const r = index.regions[a];
    if (r) ancestors.push({ code: r.code, name: r.name, level: r.level });
  }
  return {
    code: region.code,
    name: region.name,
    level: region.level,
    kind: region.kind,
    match,
    ancestors,
    label: [region.name, ...ancestors.map((a) => a.name).reverse()].join(', '),
  };
}

/**
 * Build `db`'s search index now rather than on the first search (for the nation, 0.8 s at load
 * 7 and 2.1-2.8 s at load 10-12, as bench:search printed it): for a server to call when it starts serving a version, so nobody's first keystroke waits.
 *
 * @example
 * ```ts
 * const db = await openDatabase(file, { readOnly: true });
 * await prepareRegionSearch(db);
 * ```
 */
export async function prepareRegionSearch(db: Kysely<Database>): Promise<void> {
  const counted = await sql<{
    regions: number;
  }>`select count(*)::integer as regions from regions`.execute(db);
  await regionSearchIndex(db, counted.rows[0]?.regions ?? 0);
}
