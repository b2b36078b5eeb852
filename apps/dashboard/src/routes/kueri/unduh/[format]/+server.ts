import { error } from '@sveltejs/kit';
import { TRPCClientError } from '@trpc/client';
import { SQL_TEXT_MAX } from '@pandu/domain';
import { answerCsv, answerParquet } from '$lib/server/query-download.js';
import type { RequestHandler } from './$types';

/**
 * A console query's answer as a file: `/kueri/unduh/csv?q=...` or `/kueri/unduh/parquet?q=...`.
 * The query runs again, as the signed-in user, through the API's sandbox (the same rules, limits
 * and rate as on the page); the file holds what the page shows, truncation included.
 */
export const GET: RequestHandler = async ({ params, url, locals }) => {
  if (params.format !== 'csv' && params.format !== 'parquet') {
    error(404, `unknown format: ${params.format} (csv or parquet)`);
  }
  if (!locals.userApi) error(401, 'log in to run queries');
  const q = (url.searchParams.get('q') ?? '').slice(0, SQL_TEXT_MAX);
  if (q.trim() === '') error(400, 'no query (q)');
  let answer;
  try {
    answer = await locals.userApi.sql.query.mutate({ sql: q });
  } catch (cause) {
    if (!(cause instanceof TRPCClientError)) throw cause;
    const status = (cause.data as { httpStatus?: number } | undefined)?.httpStatus ?? 500;
    error(status >= 400 && status < 600 ? status : 500, cause.message);
  }
  const body: BodyInit = params.format === 'csv' ? answerCsv(answer) : answerParquet(answer);
  return new Response(body, {
    headers: {
      'content-type':
        params.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.apache.parquet',
      'content-disposition': `attachment; filename="pandu-kueri.${params.format}"`,
      ...(answer.truncated ? { 'pandu-truncated': 'true' } : {}),
    },
  });
};
