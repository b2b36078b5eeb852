import { COMPARE_PARAM, parseCompareCodes } from '$lib/compare.js';
import { parseFilters } from '$lib/filters.js';
import { api } from '$lib/server/api.js';
import { datasetInfo } from '$lib/server/dataset-info.js';
import { loadComparePage } from './compare-page.js';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
  const client = api();
  return loadComparePage(
    client,
    parseCompareCodes(url.searchParams.get(COMPARE_PARAM)),
    parseFilters(url.searchParams),
    url.searchParams.get('tambah'),
    datasetInfo(client),
  );
};
