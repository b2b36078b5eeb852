import { TRPCClientError } from '@trpc/client';
import { SQL_TEXT_MAX } from '@pandu/domain';
import { api, orNull } from '$lib/server/api.js';
import { SQL_EXAMPLES } from '$lib/sql-examples.js';
import type { PageServerLoad } from './$types';

/** A console query's outcome for the page: the answer, or the API's message saying why not. */
export type QueryOutcome =
  | {
      ok: true;
      columns: { name: string; type: string }[];
      rows: unknown[][];
      truncated: boolean;
      elapsedMs: number;
    }
  | { ok: false; message: string; status: number | null };

/**
 * The SQL console. The query is the URL's `q`, so a link reproduces it; it runs as the signed-in
 * user (the API's sql.query: a sandbox worker, never the API's own DuckDB). The load reads `q`
 * alone, so the table's page and the chart's columns (console-view.ts, read by the page) never
 * run the query again.
 */
export const load: PageServerLoad = async ({ url, locals }) => {
  const q = (url.searchParams.get('q') ?? '').slice(0, SQL_TEXT_MAX);
  const schema = orNull(api().sql.schema.query());
  let outcome: QueryOutcome | null = null;
  if (q.trim() !== '' && locals.userApi) {
    try {
      outcome = { ok: true, ...(await locals.userApi.sql.query.mutate({ sql: q })) };
    } catch (cause) {
      if (!(cause instanceof TRPCClientError)) throw cause;
      const data = cause.data as { httpStatus?: number } | undefined;
      outcome = { ok: false, message: cause.message, status: data?.httpStatus ?? null };
    }
  }
  return {
    q,
    signedIn: locals.user !== null,
    schema: (await schema) ?? [],
    examples: SQL_EXAMPLES,
    outcome,
  };
};
