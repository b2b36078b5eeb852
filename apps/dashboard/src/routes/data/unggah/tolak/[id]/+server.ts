import { error } from '@sveltejs/kit';
import { readDashboardEnv } from '$lib/server/env.js';
import { SESSION_COOKIE } from '$lib/server/session-cookie.js';
import type { RequestHandler } from './$types';

/**
 * `GET /data/unggah/tolak/<id>`: a rejected upload's full report (CSV), asked of the API as the
 * logged-in user, who alone may read it; anyone else gets the API's 404.
 */
export const GET: RequestHandler = async ({ params, cookies, locals }) => {
  const token = cookies.get(SESSION_COOKIE);
  if (!locals.user || !token) error(401, 'log in first');
  if (!/^[0-9a-f]{32}$/.test(params.id)) error(404, 'no such report');
  const response = await fetch(`${readDashboardEnv().apiUrl}/import/rejects/${params.id}.csv`, {
    headers: { authorization: `Bearer ${token}` },
  }).catch(() => null);
  if (!response) error(503, 'the API cannot be reached');
  if (!response.ok) error(response.status === 404 ? 404 : 502, 'no such report');
  return new Response(response.body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="penolakan-unggahan.csv"',
      'cache-control': 'private, no-store',
    },
  });
};
