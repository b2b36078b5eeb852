import { FILTER_PARAMS, filterHref, type FilterParam, type Filters } from './filters.js';
import { isVillageCode } from './region-code.js';

// One place knows where a region or a village lives in the dashboard: villages under /desa,
// provinces, regencies and districts under /wilayah. Each page redirects a code of the other kind.

/**
 * The page of a region or a village, without a query: `/desa/<code>` for a village code,
 * `/wilayah/<code>` for any other.
 *
 * @example
 * ```ts
 * regionPath('35.05'); // '/wilayah/35.05'
 * regionPath('35.05.04.2014'); // '/desa/35.05.04.2014'
 * ```
 */
export function regionPath(code: string): string {
  return isVillageCode(code) ? `/desa/${code}` : `/wilayah/${code}`;
}

/**
 * The link to a region's or a village's page carrying the current view's filters (language,
 * year, measure, ...), changed by `changes` and limited to `keep`. The page's own path is its
 * scope, so the `region` filter is always dropped.
 *
 * @example
 * ```ts
 * regionHref('35.05', filters); // '/wilayah/35.05?year=2023&lang=en'
 * regionHref('35', filters, { map: 'village' });
 * ```
 */
export function regionHref(
  code: string,
  filters: Filters,
  changes: Partial<Filters> = {},
  keep: readonly FilterParam[] = FILTER_PARAMS,
): string {
  return filterHref(regionPath(code), filters, { ...changes, region: null }, keep);
}
