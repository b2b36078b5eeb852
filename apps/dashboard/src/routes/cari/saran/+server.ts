import { error, json } from '@sveltejs/kit';
import type { Suggestion } from '$lib/search-href.js';
import { api, apiErrorCode } from '$lib/server/api.js';
import type { RequestHandler } from './$types';

/** What the box shows as one types: a screenful, the full list is /cari's. */
const SUGGESTION_LIMIT = 8;

/**
 * The search box's suggestions as JSON: `/cari/saran?q=blitr` -> `{ q, total, suggestions }`,
 * the first {@link SUGGESTION_LIMIT} of `regions.search`. An empty `q` answers no suggestions.
 * Without JavaScript the box is a plain GET form to /cari and this is never asked.
 */
export const GET: RequestHandler = async ({ url }) => {
  const q = (url.searchParams.get('q') ?? '').trim().slice(0, 100);
  if (q === '') return json({ q, total: 0, suggestions: [] });
  let result;
  try {
    result = await api().regions.search.query({ q, limit: SUGGESTION_LIMIT });
  } catch (cause) {
    if (apiErrorCode(cause) === 'BAD_REQUEST') error(400, 'invalid search (q)');
    throw cause;
  }
  const suggestions: Suggestion[] = result.hits.map((h) => ({
    code: h.code,
    name: h.name,
    level: h.level,
    kind: h.kind,
    within: [...h.ancestors]
      .reverse()
      .map((a) => a.name)
      .join(', '),
  }));
  return json(
    { q, total: result.total, suggestions },
    // The same answer for everyone for a while (the regions change with a dataset, rarely).
    { headers: { 'cache-control': 'private, max-age=300' } },
  );
};
