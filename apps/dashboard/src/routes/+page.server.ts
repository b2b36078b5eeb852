import { parseSelection } from '$lib/cross-filter.js';
import { parseFilters } from '$lib/filters.js';
import { api } from '$lib/server/api.js';
import { datasetInfo } from '$lib/server/dataset-info.js';
import { loadNationalPage } from './national-page.js';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
  const client = api();
  // Not awaited: the calls that need no year go out while the dataset's years are asked.
  return loadNationalPage(
    client,
    parseFilters(url.searchParams),
    datasetInfo(client),
    parseSelection(url.searchParams),
  );
};
