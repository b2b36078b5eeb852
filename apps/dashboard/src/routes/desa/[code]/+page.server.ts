import { redirect } from '@sveltejs/kit';
import { regionPath } from '$lib/region-href.js';
import { api } from '$lib/server/api.js';
import { datasetInfo } from '$lib/server/dataset-info.js';
import { loadVillagePage } from './village-page.js';
import type { PageServerLoad } from './$types';
import { isAreaCode } from '$lib/region-code.js';

export const load: PageServerLoad = async ({ params, url }) => {
  // A province, regency or district code belongs to the region page.
  if (isAreaCode(params.code)) redirect(308, `${regionPath(params.code)}${url.search}`);
  const client = api();
  // Not awaited: the profile is asked while the dataset's years are.
  return loadVillagePage(client, params.code, datasetInfo(client));
};
