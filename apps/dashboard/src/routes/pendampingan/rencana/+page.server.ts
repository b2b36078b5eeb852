import { api, apiErrorCode, orNotFound } from '$lib/server/api.js';
import { dataYears, datasetInfo } from '$lib/server/dataset-info.js';
import { defaultHorizon as horizonAfter, parsePlanParams, planRequest } from './plan-params.js';
import type { PageServerLoad } from './$types';

/** Rows of the assignments table drawn on the page; the downloads hold them all. */
const PLAN_ROWS_SHOWN = 100;

// The plan of the URL's inputs, the scope's children (the map shows those without events too) and
// the sectors' labels. A plan that cannot be made as asked (the API's UNPROCESSABLE_CONTENT) or a
// rejected input (BAD_REQUEST) is shown as the API's explanation in place of the plan; an unknown
// region is the 404 page, as everywhere.
export const load: PageServerLoad = async ({ url }) => {
  const client = api();
  const years = dataYears(await datasetInfo(client));
  const defaultHorizon = horizonAfter(years);
  const params = parsePlanParams(url.searchParams, defaultHorizon);
  const code = params.region ?? undefined;
  const [region, children, framework, result] = await Promise.all([
    code ? orNotFound(client.regions.get.query({ code })) : null,
    orNotFound(client.regions.children.query(code ? { code } : {})),
    client.framework.get.query(),
    client.mentoring.plan.query({ ...planRequest(params), assignmentsLimit: PLAN_ROWS_SHOWN }).then(
      (plan) => ({ plan, problem: null }),
      (cause: unknown) => {
        const status = apiErrorCode(cause);
        if (status === 'UNPROCESSABLE_CONTENT' || status === 'BAD_REQUEST') {
          return { plan: null, problem: cause instanceof Error ? cause.message : String(cause) };
        }
        throw cause;
      },
    ),
  ]);
  return {
    params,
    defaultHorizon,
    region,
    children: children.map((c) => ({ code: c.code, name: c.name })),
    sectors: framework.sectors,
    ...result,
  };
};
