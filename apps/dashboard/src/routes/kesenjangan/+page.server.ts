import { parseFilters } from '$lib/filters.js';
import { api } from '$lib/server/api.js';
import { datasetInfo } from '$lib/server/dataset-info.js';
import { loadDividePage } from './divide-page.js';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
  const client = api();
  return loadDividePage(client, parseFilters(url.searchParams), await datasetInfo(client));
};
