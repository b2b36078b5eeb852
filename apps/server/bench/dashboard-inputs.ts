import { INDEX_MEASURES, SECTOR_CODES } from '@pandu/domain';

// What the dashboard's pages ask the API, as distinct inputs per procedure and level, for the
// issue-14 bench (figures.ts). The procedures and input shapes are those of the pages' loaders
// (apps/dashboard/src/routes/**/+page.server.ts, *-page.ts, lib/server): a page at the nation
// asks without `code`, a region page with its code; the filters vary year, measure and kind, the
// mentoring page the sector. Pure: the regions come from the served API (regionSample).

/** Where a procedure's input points: the nation (no code), a region of a level, or no scope. */
export type BenchLevel = 'nation' | 'province' | 'regency' | 'district' | 'village' | '-';

export const SCOPE_LEVELS = ['nation', 'province', 'regency', 'district'] as const;

/** Region codes per level, sampled from the served database. */
export interface RegionSample {
  province: string[];
  regency: string[];
  district: string[];
  village: string[];
  /** Village names, for the search page. */
  villageNames: string[];
  years: number[];
}

/** One row of the latency table: a procedure at a level and its inputs, in the order asked. */
export interface BenchCase {
  procedure: string;
  level: BenchLevel;
  inputs: unknown[];
  /** How many of `inputs` differ (fewer than `inputs.length` when the page has fewer). */
  distinct: number;
}

/**
 * Kinds the filters offer; `desa_adat` (14 villages, all in one regency) is left out: nearly every
 * scope answers it NOT_FOUND at once, which would flatter the figures.
 */
const KINDS = ['all', 'desa', 'kelurahan'] as const;
/** The mentoring page's sector filter: none (every sector) or one. */
const SECTORS = [undefined, ...SECTOR_CODES] as const;

/** A deterministic shuffle (linear congruential generator), so every run asks the same order. */
export function shuffled<T>(items: readonly T[], seed = 42): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** Every combination of the given lists, in a fixed shuffled order. */
function combos<T extends Record<string, readonly unknown[]>>(
  lists: T,
  seed: number,
): Array<{ [K in keyof T]: T[K][number] }> {
  let out: Array<Record<string, unknown>> = [{}];
  for (const [key, values] of Object.entries(lists)) {
    out = out.flatMap((o) => values.map((v) => ({ ...o, [key]: v })));
  }
  return shuffled(out, seed) as Array<{ [K in keyof T]: T[K][number] }>;
}

/** An input object without its undefined fields (JSON drops them anyway; keys stay stable). */
function clean(input: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
}

/**
 * `count` inputs of `procedure` at `level`: the i-th takes the i-th region of the level (none at
 * the nation) and the i-th combination of the procedure's filters. Null when the dashboard does
 * not ask the procedure at that level.
 */
export function scopedInputs(
  procedure: string,
  level: (typeof SCOPE_LEVELS)[number],
  regions: RegionSample,
  count: number,
  offset = 0,
): unknown[] | null {
  const codes = level === 'nation' ? [undefined] : regions[level];
  const years = regions.years;
  const filters = (() => {
    switch (procedure) {
      case 'index.byRegion':
      case 'divide.summary':
      case 'divide.lorenz':
      case 'divide.distribution':
        return combos({ year: years, measure: INDEX_MEASURES, kind: KINDS }, 7);
      case 'index.timeseries':
      case 'divide.convergence':
      case 'divide.childConvergence':
        return combos({ measure: INDEX_MEASURES, kind: KINDS }, 11);
      case 'mentoring.coverage':
        return combos({ sector: SECTORS }, 13);
      case 'mentoring.impact':
        return combos({ sector: SECTORS, measure: INDEX_MEASURES }, 17);
      case 'mentoring.priorities':
        // The page asks 25; other limits read the same list, cut elsewhere.
        return combos({ sector: SECTORS, limit: [25, 10, 50, 100] }, 19);
      case 'regions.children':
      case 'regions.get':
        return [{}];
      default:
        return null;
    }
  })();
  if (filters === null) return null;
  if (procedure === 'regions.get' && level === 'nation') return null;
  const inputs: unknown[] = [];
  for (let k = offset; k < offset + count; k++) {
    const code = codes[k % codes.length];
    const filter = filters[k % filters.length] ?? {};
    inputs.push(clean({ ...(code === undefined ? {} : { code }), ...filter }));
  }
  return inputs;
}

/** The procedures the dashboard's pages call with a region scope, in the table's order. */
export const SCOPED_PROCEDURES = [
  'index.byRegion',
  'index.timeseries',
  'divide.summary',
  'divide.convergence',
  'divide.childConvergence',
  'divide.lorenz',
  'divide.distribution',
  'mentoring.coverage',
  'mentoring.impact',
  'mentoring.priorities',
  'regions.children',
  'regions.get',
] as const;

const distinctCount = (inputs: readonly unknown[]) =>
  new Set(inputs.map((i) => JSON.stringify(i))).size;

/**
 * The latency table's cases: every scoped procedure at every level with `count` inputs, then the
 * procedures without a scope (health, auth.policy, framework.get, the search page, the village
 * page, published.list for the map of published figures).
 */
export function benchCases(regions: RegionSample, count: number): BenchCase[] {
  const cases: BenchCase[] = [];
  for (const procedure of SCOPED_PROCEDURES) {
    for (const level of SCOPE_LEVELS) {
      const inputs = scopedInputs(procedure, level, regions, count);
      if (inputs) cases.push({ procedure, level, inputs, distinct: distinctCount(inputs) });
    }
  }
  const repeat = (input: unknown) => Array.from({ length: count }, () => input);
  const village = regions.village.slice(0, count).map((code) => ({ code }));
  const search = regions.villageNames.slice(0, count).map((q) => ({ q, limit: 50 }));
  for (const [procedure, level, inputs] of [
    ['health', '-', repeat(undefined)],
    ['auth.policy', '-', repeat(undefined)],
    ['framework.get', '-', repeat(undefined)],
    ['published.list', '-', repeat({ dataset: 'iptik', year: 2024, scope: 'province' })],
    ['regions.search', '-', search],
    ['villages.profile', 'village', village],
  ] as const) {
    cases.push({ procedure, level, inputs: [...inputs], distinct: distinctCount(inputs) });
  }
  return cases;
}

/**
 * `count` distinct request paths over every scoped procedure and level (a page's first visit or a
 * new filter combination somewhere in the country), shuffled; for the uncached load. Inputs start
 * after those of the latency table (`offset`), so no answer was computed before.
 */
export function uncachedPaths(regions: RegionSample, count: number, offset: number): string[] {
  const perCase = Math.ceil(count / (SCOPED_PROCEDURES.length * SCOPE_LEVELS.length));
  const paths: string[] = [];
  for (const procedure of SCOPED_PROCEDURES) {
    for (const level of SCOPE_LEVELS) {
      for (const input of scopedInputs(procedure, level, regions, perCase, offset) ?? []) {
        paths.push(trpcPath(procedure, input));
      }
    }
  }
  return shuffled([...new Set(paths)], 4242);
}

/** `/trpc/divide.summary?input=...` (no input: the procedure alone). */
export function trpcPath(procedure: string, input: unknown): string {
  return input === undefined
    ? `/trpc/${procedure}`
    : `/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`;
}
