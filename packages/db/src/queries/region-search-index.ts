import MiniSearch from 'minisearch';
import { sql, type Kysely } from 'kysely';
import { PROVINCE_SHORT_NAMES, type RegionLevel, type VillageKind } from '@pandu/domain';
import type { Database } from '../schema/database.js';

/** One region as the search holds it in memory. */
export interface IndexedRegion {
  code: string;
  name: string;
  level: RegionLevel;
  kind: VillageKind | null;
}

/**
 * The regions of one database and their vocabulary: every distinct word of their names and of
 * the province short names (about 48,500 nationally), each with the regions whose own name has it.
 * The fuzzy index is over the words, not the regions (a document per region took over a hundred
 * megabytes), and the lists are flat typed arrays (an array per region or word cost ~40 MB more):
 * about 80 MB for the nation, most of it MiniSearch's tree.
 */
export interface RegionSearchIndex {
  /** Every region, in code order (so a position order is a code order). */
  regions: IndexedRegion[];
  /** The distinct words; a word's id is its position here. */
  vocabulary: string[];
  /** Word -> id. */
  wordIds: Map<string, number>;
  /** The word ids in the words' order: a prefix's words are one run of it (binary search). */
  sortedWords: Int32Array;
  /** Fuzzy lookup of words: documents `{ id, word }`, `id` a word id. */
  words: MiniSearch<VocabularyWord>;
  /** Region at's ancestors (province, regency, district; -1 for none) at 3 at .. 3 at + 2. */
  ancestorPositions: Int32Array;
  /** Word id w's regions: `postingRegions[postingStart[w] .. postingStart[w + 1]]`. */
  postingStart: Int32Array;
  postingRegions: Int32Array;
  /**
   * Region at's proper-name words (a regency's `kabupaten`/`kota` aside): the word ids
   * `properWords[properStart[at] .. properStart[at + 1]]`.
   */
  properStart: Int32Array;
  properWords: Int32Array;
}

interface VocabularyWord {
  id: number;
  word: string;
}

/** The positions of region `at`'s province, regency and district, the ones it has. */
export function ancestorsOf(index: RegionSearchIndex, at: number): number[] {
  const out: number[] = [];
  for (let i = 3 * at; i < 3 * at + 3; i++) {
    const a = index.ancestorPositions[i] ?? -1;
    if (a >= 0) out.push(a);
  }
  return out;
}

/** The positions of the regions whose own name has word `id`. */
export function regionsWithWord(index: RegionSearchIndex, id: number): Int32Array {
  return index.postingRegions.subarray(index.postingStart[id], index.postingStart[id + 1]);
}

/** Region `at`'s proper-name words, as word ids. */
export function properWordsOf(index: RegionSearchIndex, at: number): Int32Array {
  return index.properWords.subarray(index.properStart[at], index.properStart[at + 1]);
}

/** The ids of the words starting with `prefix` (the word itself included), in word order. */
export function wordsStartingWith(index: RegionSearchIndex, prefix: string): Int32Array {
  const { sortedWords, vocabulary } = index;
  const word = (i: number) => vocabulary[sortedWords[i] ?? 0] ?? '';
  let lo = 0;
  let hi = sortedWords.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (word(mid) < prefix) lo = mid + 1;
    else hi = mid;
  }
  let end = lo;
  while (end < sortedWords.length && word(end).startsWith(prefix)) end++;
  return sortedWords.subarray(lo, end);
}

/**
 * The words of a name or a query: lower case is the caller's (DuckDB's `lower(strip_accents())`,
 * as `search_name` was built), apostrophes and quotes are dropped inside a word (`Ma'rang` is
 * `marang`), any other character that is not a letter or digit separates words (`Sumber-Rejo`,
 * `Pulau (Ayau)`).
 *
 * @example
 * ```ts
 * searchWords("kota ma'rang (lama)"); // ['kota', 'marang', 'lama']
 * ```
 */
export function searchWords(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/['’`"]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');
}

// Words a regency's name starts with that say its kind, not its place: 'blitar' is the whole
// proper name of both Kabupaten Blitar and Kota Blitar. The query's kind words (kab, kota) are
// read against the region's kind instead (REGION_KIND_WORDS).
const REGENCY_KIND_PREFIX = /^(kabupaten|kota)( administrasi)? /;

/** The lengths of a province's, a regency's and a district's code: `35`, `35.05`, `35.05.04`. */
const ANCESTOR_CODE_LENGTHS = [2, 5, 8] as const;

/** Indexes per database (a Kysely instance), with the row count they were built from. */
const INDEXES = new WeakMap<object, { count: number; index: Promise<RegionSearchIndex> }>();

/**
 * The search index of `db`'s regions (all 91,599 of the nation), built on first use (its cost: see
 * prepareRegionSearch) and kept for the life of the database object: a query then costs
 * a few milliseconds in memory where a fuzzy scan of every name in DuckDB costs over ten per word.
 * `count` is the regions table's row count now, asked by the caller in its own round trip: the
 * seed is the only writer of `regions` and writes it whole into an empty table, so a count that
 * differs from the one the index was built from means a new table, and the index is rebuilt.
 *
 * @example
 * ```ts
 * const index = await regionSearchIndex(db, 91_599);
 * index.regions.length; // 91599
 * ```
 */
export function regionSearchIndex(db: Kysely<Database>, count: number): Promise<RegionSearchIndex> {
  const known = INDEXES.get(db);
  if (known && known.count === count) return known.index;
  const index = buildIndex(db);
  INDEXES.set(db, { count, index });
  // A failed build (the database closing) is tried again next time, not remembered.
  index.catch(() => {
    if (INDEXES.get(db)?.index === index) INDEXES.delete(db);
  });
  return index;
}

async function buildIndex(db: Kysely<Database>): Promise<RegionSearchIndex> {
  // Five columns, not the three ancestor codes as well: a Kemendagri code starts with its
  // ancestors' codes (PP, PP.RR, PP.RR.DD), and each value the driver converts costs (91,599 rows
  // of eight columns took about a second under load).
  const rows = await sql<{
    code: string;
    name: string;
    level: RegionLevel;
    kind: VillageKind | null;
    search_name: string;
  }>`select code, name, level, kind, search_name from regions order by code`.execute(db);
  const n = rows.rows.length;
  const position = new Map<string, number>();
  rows.rows.forEach((r, i) => position.set(r.code, i));
  const aliases = new Map(
    PROVINCE_SHORT_NAMES.map((p) => [p.code, [p.short, ...p.also].join(' ')] as const),
  );
  const ids = new Map<string, number>();
  const idOf = (word: string): number => {
    let id = ids.get(word);
    if (id === undefined) {
      id = ids.size;
      ids.set(word, id);
    }
    return id;
  };
  const regions: IndexedRegion[] = [];
  const ancestorPositions = new Int32Array(3 * n).fill(-1);
  const properStart = new Int32Array(n + 1);
  const proper: number[] = [];
  // (word id, region) pairs of every own-name word, the full name's and the aliases', each once.
  const pairs: number[] = [];
  rows.rows.forEach((r, at) => {
    regions.push({ code: r.code, name: r.name, level: r.level, kind: r.kind });
    ANCESTOR_CODE_LENGTHS.forEach((length, i) => {
      const a = r.code.length > length ? position.get(r.code.slice(0, length)) : undefined;
      if (a !== undefined) ancestorPositions[3 * at + i] = a;
    });
    const alias = r.level === 'province' ? (aliases.get(r.code) ?? '') : '';
    for (const word of new Set(searchWords(`${r.search_name} ${alias}`))) {
      pairs.push(idOf(word), at);
    }
    properStart[at] = proper.length;
    const properName =
      r.level === 'regency' ? r.search_name.replace(REGENCY_KIND_PREFIX, '') : r.search_name;
    for (const word of searchWords(properName)) proper.push(idOf(word));
  });
  properStart[n] = proper.length;
  const vocabulary = [...ids.keys()];
  // Counting sort of the pairs by word id: the postings, each list in code order.
  const postingStart = new Int32Array(vocabulary.length + 1);
  const counts = new Int32Array(vocabulary.length);
  for (let i = 0; i < pairs.length; i += 2) {
    const w = pairs[i] ?? 0;
    counts[w] = (counts[w] ?? 0) + 1;
  }
  for (let w = 0; w < vocabulary.length; w++) {
    postingStart[w + 1] = (postingStart[w] ?? 0) + (counts[w] ?? 0);
  }
  const next = postingStart.slice(0, vocabulary.length);
  const postingRegions = new Int32Array(pairs.length / 2);
  for (let i = 0; i < pairs.length; i += 2) {
    const w = pairs[i] ?? 0;
    const slot = next[w] ?? 0;
    postingRegions[slot] = pairs[i + 1] ?? 0;
    next[w] = slot + 1;
  }
  const words = new MiniSearch<VocabularyWord>({
    fields: ['word'],
    // A document is one word, normalised already: no splitting, no stemming, no stop words.
    tokenize: (text) => [text],
    processTerm: (term) => term,
  });
  words.addAll(vocabulary.map((word, id) => ({ id, word })));
  const sortedWords = Int32Array.from(vocabulary.keys()).sort((a, b) => {
    const x = vocabulary[a] ?? '';
    const y = vocabulary[b] ?? '';
    return x < y ? -1 : x > y ? 1 : 0;
  });
  return {
    regions,
    vocabulary,
    wordIds: ids,
    sortedWords,
    words,
    ancestorPositions,
    postingStart,
    postingRegions,
    properStart,
    properWords: Int32Array.from(proper),
  };
}
