import { parseFilters } from '$lib/filters.js';
import type { LayoutLoad } from './$types';

// The language and filters come from the URL on the server and in the browser alike, so a copied
// link renders the same view and back/forward restore it.
export const load: LayoutLoad = ({ url, data }) => {
  const filters = parseFilters(url.searchParams);
  return { ...data, lang: filters.lang, filters };
};
