import { parseFilters } from '$lib/filters.js';
import { api, orNotFound } from '$lib/server/api.js';
import { exportQuery, exportYears } from '$lib/server/dataset-export.js';
import { dataYears, datasetInfo } from '$lib/server/dataset-info.js';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
  const client = api();
  const filters = parseFilters(url.searchParams);
  const [health, framework, region] = await Promise.all([
    datasetInfo(client),
    client.framework.get.query(),
    filters.region ? orNotFound(client.regions.get.query({ code: filters.region })) : null,
  ]);
  const years = dataYears(health);
  const { from, to } = exportYears(url.searchParams, years);
  return {
    region,
    indicators: framework.indicators,
    measures: framework.measures,
    sectors: framework.sectors,
    rows: health.rows,
    years: health.years,
    datasetExport: {
      years,
      from,
      to,
      query: exportQuery({ region: region?.code ?? null, from, to }),
    },
  };
};
