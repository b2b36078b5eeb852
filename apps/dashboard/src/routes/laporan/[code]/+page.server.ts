import { error, redirect } from '@sveltejs/kit';
import { parseFilters } from '$lib/filters.js';
import { regionPath } from '$lib/region-href.js';
import { api } from '$lib/server/api.js';
import { datasetInfo } from '$lib/server/dataset-info.js';
import { loadReportPage } from './report-page.js';
import type { PageServerLoad } from './$types';
import { isAreaCode, isVillageCode } from '$lib/region-code.js';

export const load: PageServerLoad = async ({ params, url }) => {
  // A village has a profile, not a brief: its page says everything a brief would.
  if (isVillageCode(params.code)) redirect(307, `${regionPath(params.code)}${url.search}`);
  // Not a code at all ("blitar"): a 404 at once, before the figures are asked (the first of
  // their answers to fail would decide the page, a 404 or a 500, by a race).
  if (!isAreaCode(params.code)) error(404, `not a region code: ${params.code}`);
  const client = api();
  const report = await loadReportPage(
    client,
    params.code,
    parseFilters(url.searchParams),
    datasetInfo(client),
    new Date(),
  );
  // The brief names where its methods are read, as a full address: it is read on paper.
  return { ...report, origin: url.origin };
};
