import { error, redirect } from '@sveltejs/kit';
import { parseSelection } from '$lib/cross-filter.js';
import { parseFilters } from '$lib/filters.js';
import { regionPath } from '$lib/region-href.js';
import { api } from '$lib/server/api.js';
import { datasetInfo } from '$lib/server/dataset-info.js';
import { loadRegionPage } from './region-page.js';
import type { PageServerLoad } from './$types';
import { isAreaCode, isVillageCode } from '$lib/region-code.js';

export const load: PageServerLoad = async ({ params, url }) => {
  // A village code belongs to the village page.
  if (isVillageCode(params.code)) redirect(308, `${regionPath(params.code)}${url.search}`);
  // Not a code at all ("blitar"): a 404 at once, before the figures are asked (the first of
  // their answers to fail would decide the page, a 404 or a 500, by a race).
  if (!isAreaCode(params.code)) error(404, `not a region code: ${params.code}`);
  const client = api();
  return loadRegionPage(
    client,
    params.code,
    parseFilters(url.searchParams),
    // Not awaited: the calls that need no year go out while the dataset's years are asked.
    datasetInfo(client),
    parseSelection(url.searchParams),
  );
};
