import { error } from '@sveltejs/kit';
import { isExportFormat, proxyDatasetExport } from '$lib/server/dataset-export.js';
import { readDashboardEnv } from '$lib/server/env.js';
import type { RequestHandler } from './$types';

/**
 * The whole dataset of the scope as a zip (Parquet, CSV or .duckdb with the data dictionary and
 * licence), streamed from the API: `/data/ekspor/parquet?region=35.05&from=2022&to=2024`. The
 * API checks the years and the region (its 400 or 404 becomes this page's).
 */
export const GET: RequestHandler = async ({ params, url, request, locals }) => {
  if (!isExportFormat(params.format)) error(404, `unknown format: ${params.format}`);
  // Passed on as given, not through parseFilters (which drops a malformed code): a region asked
  // for must never quietly become the nation; the API answers a bad one with 400.
  const param = (name: string) => {
    const value = url.searchParams.get(name);
    return value === null || value === '' ? null : value;
  };
  const year = (name: string) => {
    const value = param(name);
    return value === null ? null : Number(value);
  };
  return proxyDatasetExport(
    readDashboardEnv().apiUrl,
    params.format,
    { region: param('region'), from: year('from'), to: year('to') },
    request.signal,
    locals.readAuthorization,
  );
};
