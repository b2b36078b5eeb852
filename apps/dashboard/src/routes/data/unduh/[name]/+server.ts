import { error } from '@sveltejs/kit';
import { parseFilters } from '$lib/filters.js';
import { api } from '$lib/server/api.js';
import { datasetInfo } from '$lib/server/dataset-info.js';
import { downloadCsv, isDownloadName } from './downloads.js';
import type { RequestHandler } from './$types';

/** CSV of what a page shows, for the scope and filters in the query. */
export const GET: RequestHandler = async ({ params, url }) => {
  if (!isDownloadName(params.name)) error(404, `unknown download: ${params.name}`);
  const client = api();
  const file = await downloadCsv(
    client,
    params.name,
    parseFilters(url.searchParams),
    await datasetInfo(client),
  );
  return new Response(file.body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${file.filename}"`,
    },
  });
};
