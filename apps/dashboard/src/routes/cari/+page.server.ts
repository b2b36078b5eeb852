import { api, orNull } from '$lib/server/api.js';
import type { PageServerLoad } from './$types';

/** Up to this many matches are listed; 11 villages are named Plosorejo, so 50 leaves room. */
const LIMIT = 50;

export const load: PageServerLoad = async ({ url }) => {
  const q = (url.searchParams.get('q') ?? '').trim().slice(0, 100);
  if (q === '') return { q, result: null };
  return { q, result: await orNull(api().regions.search.query({ q, limit: LIMIT })) };
};
