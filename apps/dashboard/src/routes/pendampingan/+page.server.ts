import { parseFilters } from '$lib/filters.js';
import { api } from '$lib/server/api.js';
import { loadMentoringPage } from './mentoring-page.js';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
  const client = api();
  const [page, framework] = await Promise.all([
    loadMentoringPage(client, parseFilters(url.searchParams)),
    client.framework.get.query(),
  ]);
  return { ...page, sectors: framework.sectors };
};
