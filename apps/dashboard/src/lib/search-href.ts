import type { RegionLevel, VillageKind } from '@pandu/domain';
import { VIEW_PARAMS, type Filters } from './filters.js';
import { regionHref } from './region-href.js';

// A search result, listed on /cari or suggested by the box, opens its page with the view's settings
// (VIEW_PARAMS) but not the region in scope (the hit is the new scope) nor a page's own state.

/**
 * The link a search hit opens: its region or village page, keeping the view's year, measure,
 * kind, threshold, sector and language.
 *
 * @example
 * ```ts
 * searchHitHref('35.05.04.2014', filters); // '/desa/35.05.04.2014?lang=en'
 * ```
 */
export function searchHitHref(code: string, filters: Filters): string {
  return regionHref(code, filters, {}, VIEW_PARAMS);
}

/** The suggestions endpoint's address for what is typed. */
export function suggestionsUrl(q: string): string {
  return `/cari/saran?q=${encodeURIComponent(q)}`;
}

/** One suggestion of the search box (`/cari/saran`): what the box shows, nothing more. */
export interface Suggestion {
  code: string;
  name: string;
  level: RegionLevel;
  kind: VillageKind | null;
  /** The ancestors' names, nearest first: `Kademangan, Kabupaten Blitar, Jawa Timur`. */
  within: string;
}
