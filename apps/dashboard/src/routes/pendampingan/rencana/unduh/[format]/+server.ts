import { error } from '@sveltejs/kit';
import { api, apiErrorCode } from '$lib/server/api.js';
import { dataYears, datasetInfo } from '$lib/server/dataset-info.js';
import { defaultHorizon, parsePlanParams, planRequest } from '../../plan-params.js';
import { planCsv, planFileName, planParquet } from '../../plan-download.js';
import type { RequestHandler } from './$types';

/** The plan of the query's inputs as CSV or Parquet: `/pendampingan/rencana/unduh/csv?region=35.05`. */
export const GET: RequestHandler = async ({ params, url }) => {
  if (params.format !== 'csv' && params.format !== 'parquet') {
    error(404, `unknown format: ${params.format}`);
  }
  const client = api();
  const years = dataYears(await datasetInfo(client));
  const request = planRequest(parsePlanParams(url.searchParams, defaultHorizon(years)));
  let plan;
  try {
    plan = await client.mentoring.plan.query(request);
  } catch (cause) {
    const code = apiErrorCode(cause);
    const message = cause instanceof Error ? cause.message : 'no plan';
    if (code === 'NOT_FOUND') error(404, message);
    if (code === 'BAD_REQUEST' || code === 'UNPROCESSABLE_CONTENT') error(400, message);
    throw cause;
  }
  const body = params.format === 'csv' ? planCsv(plan) : planParquet(plan);
  return new Response(body, {
    headers: {
      'content-type':
        params.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.apache.parquet',
      'content-disposition': `attachment; filename="${planFileName(plan, params.format)}"`,
    },
  });
};
