import {
  INDEX_MEASURES,
  KIND_FILTERS,
  MEASURE_SCALES,
  SECTOR_CODES,
  type IndexMeasure,
  type KindFilter,
  type Sector,
} from '@pandu/domain';
import { DEFAULT_LANG, parseLang, type Lang } from './i18n/lang.js';
import { isRegionCode } from './region-code.js';

// Everything that shapes a view lives in the URL's query, so a copied link reproduces the view and
// back/forward step through views. Unknown or malformed values fall back to the default rather than
// failing: a stale or hand-edited link still shows something sensible.
//
// The lists of measures, kinds and sectors are the domain's, from its zod-free modules, so the
// browser bundle does not pull in the domain's zod schemas.

export const MEASURES = INDEX_MEASURES;

/** The ILD pillars, in the published order. */
export const PILLARS = [
  'digital_skills',
  'digital_ethics',
  'digital_safety',
  'digital_culture',
] as const satisfies readonly IndexMeasure[];

export const KINDS = KIND_FILTERS;
export type { KindFilter };

export { SECTOR_CODES };

/** Scale and default "lagging" threshold of a measure. */
export interface MeasureScale {
  min: number;
  max: number;
  threshold: number;
}

/** Each measure's scale and default threshold: the domain's MEASURE_SCALES (no copy to keep in step). */
export const SCALES = Object.fromEntries(
  Object.entries(MEASURE_SCALES).map(([measure, s]) => [
    measure,
    { min: s.min, max: s.max, threshold: s.defaultThreshold },
  ]),
) as Readonly<Record<IndexMeasure, MeasureScale>>;

export const DEFAULT_MEASURE: IndexMeasure = 'skills_index';

/**
 * What the nation's tile map shows: the synthetic village data (the chosen measure) or BPS's
 * published IP-TIK 2024 by province, side by side with the same tiles.
 */
export const MAP_SOURCES = ['village', 'iptik'] as const;
export type MapSource = (typeof MAP_SOURCES)[number];
export const DEFAULT_MAP_SOURCE: MapSource = 'village';

/**
 * How the figures weigh villages (`bobot` in the URL): per village (`desa`, the default) or per
 * person (`penduduk`: each village weighted by its regency's population over its villages). The
 * values are the API's `weight`; the URL words are Indonesian as the paths are.
 */
export const WEIGHTS = ['village', 'people'] as const;
export type Weight = (typeof WEIGHTS)[number];
export const DEFAULT_WEIGHT: Weight = 'village';
/** The URL word of each weight (`?bobot=penduduk`). */
export const WEIGHT_PARAM: Readonly<Record<Weight, string>> = {
  village: 'desa',
  people: 'penduduk',
};

/** The view's settings as read from the URL; `null` means "the default" (latest year, etc.). */
export interface Filters {
  lang: Lang;
  /** null: the latest year of the data. */
  year: number | null;
  pillar: IndexMeasure;
  kind: KindFilter;
  /** null: the measure's default threshold. */
  threshold: number | null;
  /** null: every sector. */
  sector: Sector | null;
  /** A region code for the pages whose scope is not in the path; null: the nation. */
  region: string | null;
  /** What the nation's map shows (`map=iptik`); the village data by default. */
  map: MapSource;
  /** How villages are weighted (`bobot=penduduk`); per village by default. */
  weight: Weight;
  /**
   * The year a region page compares the shown one with (`?banding=2021`): its children and
   * headline figures become a from/to view. null: no comparison.
   */
  compare: number | null;
}

/** The query parameters, in the order they are written. */
export const FILTER_PARAMS = [
  'region',
  'year',
  'pillar',
  'kind',
  'threshold',
  'sector',
  'map',
  'bobot',
  'banding',
  'lang',
] as const;
export type FilterParam = (typeof FILTER_PARAMS)[number];

/**
 * The view's settings a link to another page keeps: not the region in scope (a link names its
 * own), the nation map's source or a page's own comparison year. Tabs, the breadcrumb, search
 * hits, the brief and the comparison of regions all keep these, so weighting by people survives
 * every one of them.
 */
export const VIEW_PARAMS: readonly FilterParam[] = [
  'year',
  'pillar',
  'kind',
  'threshold',
  'sector',
  'bobot',
  'lang',
];

function includes<T extends string>(list: readonly T[], value: string | null): value is T {
  return value !== null && (list as readonly string[]).includes(value);
}

/**
 * The filters in `params`; anything missing or invalid is the default.
 *
 * @example
 * ```ts
 * parseFilters(new URLSearchParams('year=2023&pillar=digital_safety&lang=en'));
 * // { lang: 'en', year: 2023, pillar: 'digital_safety', kind: 'all', threshold: null, sector: null,
 * //   region: null, map: 'village', weight: 'village' }
 * ```
 */
export function parseFilters(params: URLSearchParams): Filters {
  const year = Number(params.get('year'));
  const threshold = params.get('threshold');
  const thresholdValue = threshold === null || threshold.trim() === '' ? NaN : Number(threshold);
  const pillar = params.get('pillar');
  const kind = params.get('kind');
  const sector = params.get('sector');
  const region = params.get('region');
  const map = params.get('map');
  const bobot = params.get('bobot');
  const compare = Number(params.get('banding'));
  return {
    lang: parseLang(params.get('lang')),
    year: Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : null,
    pillar: includes(MEASURES, pillar) ? pillar : DEFAULT_MEASURE,
    kind: includes(KINDS, kind) ? kind : 'all',
    threshold: Number.isFinite(thresholdValue) ? thresholdValue : null,
    sector: includes(SECTOR_CODES, sector) ? sector : null,
    region: isRegionCode(region) ? region : null,
    map: includes(MAP_SOURCES, map) ? map : DEFAULT_MAP_SOURCE,
    weight: bobot === WEIGHT_PARAM.people ? 'people' : DEFAULT_WEIGHT,
    compare:
      params.get('banding') !== null &&
      Number.isInteger(compare) &&
      compare >= 2000 &&
      compare <= 2100
        ? compare
        : null,
  };
}

/** The value each filter is written as in a URL, or null when it is the default (left out). */
function serialize(filters: Filters, name: FilterParam): string | null {
  switch (name) {
    case 'lang':
      return filters.lang === DEFAULT_LANG ? null : filters.lang;
    case 'year':
      return filters.year === null ? null : String(filters.year);
    case 'pillar':
      return filters.pillar === DEFAULT_MEASURE ? null : filters.pillar;
    case 'kind':
      return filters.kind === 'all' ? null : filters.kind;
    case 'threshold':
      return filters.threshold === null ? null : String(filters.threshold);
    case 'sector':
      return filters.sector;
    case 'region':
      return filters.region;
    case 'map':
      return filters.map === DEFAULT_MAP_SOURCE ? null : filters.map;
    case 'bobot':
      return filters.weight === DEFAULT_WEIGHT ? null : WEIGHT_PARAM[filters.weight];
    case 'banding':
      return filters.compare === null ? null : String(filters.compare);
  }
}

/**
 * The query string (with `?`, or empty) for `filters`, leaving out defaults so links stay short
 * and the same view always has the same URL.
 *
 * @example
 * ```ts
 * filterQuery({ ...parseFilters(new URLSearchParams()), lang: 'en', year: 2023 }); // '?year=2023&lang=en'
 * ```
 */
export function filterQuery(
  filters: Filters,
  keep: readonly FilterParam[] = FILTER_PARAMS,
): string {
  const params = new URLSearchParams();
  for (const name of FILTER_PARAMS) {
    if (!keep.includes(name)) continue;
    const value = serialize(filters, name);
    if (value !== null) params.set(name, value);
  }
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** `path` with the filters of the current view, changed by `changes`. */
export function filterHref(
  path: string,
  filters: Filters,
  changes: Partial<Filters> = {},
  keep: readonly FilterParam[] = FILTER_PARAMS,
): string {
  return `${path}${filterQuery({ ...filters, ...changes }, keep)}`;
}

/**
 * The year a view shows: the chosen one if the data has it, else `fallback`: the dataset's latest
 * complete year (`defaultYear`), or the latest year when none is given.
 */
export function effectiveYear(
  filters: Filters,
  years: readonly number[],
  fallback: number | null = years.at(-1) ?? null,
): number | null {
  if (filters.year !== null && years.includes(filters.year)) return filters.year;
  return fallback;
}

/**
 * Whether the chosen threshold lies off the measure's scale (9 on the 1-5 skills index): the view
 * then uses the default and says so, as the API refuses it.
 */
export function thresholdOffScale(filters: Filters): boolean {
  const scale = SCALES[filters.pillar];
  return (
    filters.threshold !== null && (filters.threshold < scale.min || filters.threshold > scale.max)
  );
}

/** The threshold a view uses: the chosen one when on the measure's scale, else its default. */
export function effectiveThreshold(filters: Filters): number {
  return filters.threshold === null || thresholdOffScale(filters)
    ? SCALES[filters.pillar].threshold
    : filters.threshold;
}
