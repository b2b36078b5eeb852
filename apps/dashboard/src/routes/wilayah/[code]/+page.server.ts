import { redirect } from '@sveltejs/kit';
import { parseFilters } from '$lib/filters.js';
import { regionPath } from '$lib/region-href.js';
import { api } from '$lib/server/api.js';
import { datasetInfo } from '$lib/server/dataset-info.js';
import { loadRegionPage } from './region-page.js';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, url }) => {
  // A village code belongs to the village page.
  if (/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/.test(params.code))
    redirect(308, `${regionPath(params.code)}${url.search}`);
  const client = api();
  return loadRegionPage(
    client,
    params.code,
    parseFilters(url.searchParams),
    // Not awaited: the calls that need no year go out while the dataset's years are asked.
    datasetInfo(client),
  );
};
