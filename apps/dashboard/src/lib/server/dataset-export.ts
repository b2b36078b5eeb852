import { error } from '@sveltejs/kit';
import { EXPORT_FORMATS, type ExportFormat } from '@pandu/domain';

// The whole dataset of a scope (Parquet, CSV, .duckdb, each a zip with the data dictionary and
// licence) is written by the API, which holds the DuckDB file: GET /export/{format} there. The
// browser asks the dashboard (/data/ekspor/{format}), which streams the API's answer through, so
// the API's URL never reaches the browser and the file is not held in the dashboard's memory.

/** Whether a path segment names an export format (the domain's list). */
export function isExportFormat(format: string): format is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(format);
}

/** The scope of an export: a region (null: the nation) and first and last year (null: all). */
export interface ExportScope {
  region: string | null;
  from: number | null;
  to: number | null;
}

/** The query the API (and the dashboard's endpoint) takes: `?region=35.05&from=2022&to=2024`. */
export function exportQuery(scope: ExportScope): string {
  const params = new URLSearchParams();
  if (scope.region) params.set('region', scope.region);
  if (scope.from !== null) params.set('from', String(scope.from));
  if (scope.to !== null) params.set('to', String(scope.to));
  const query = params.toString();
  return query ? `?${query}` : '';
}

/**
 * The years of the `/data` page's `from` and `to`, kept only if the data has them (a stale or
 * hand-edited link falls back to every year), and put in order.
 *
 * @example
 * ```ts
 * exportYears(new URLSearchParams('from=2024&to=2022'), [2020, 2021, 2022, 2023, 2024]); // { from: 2022, to: 2024 }
 * ```
 */
export function exportYears(
  params: URLSearchParams,
  years: readonly number[],
): { from: number | null; to: number | null } {
  const year = (name: string) => {
    const value = Number(params.get(name));
    return params.get(name) !== null && years.includes(value) ? value : null;
  };
  const from = year('from');
  const to = year('to');
  if (from !== null && to !== null && from > to) return { from: to, to: from };
  return { from, to };
}

/** Response headers passed on from the API's answer. */
const FORWARDED = ['content-type', 'content-disposition', 'content-length', 'cache-control'];

/**
 * Ask the API for the export and pass its zip on as it arrives, with its filename and type. A
 * refusal of the API (400 bad years, 404 unknown region, 503 another export running) becomes
 * the dashboard's error page with the API's message; `signal` stops the API's download when the
 * browser's goes away.
 */
export async function proxyDatasetExport(
  apiUrl: string,
  format: ExportFormat,
  scope: ExportScope,
  signal?: AbortSignal,
  /** `Bearer <session>` when the API needs a login to read (locals.readAuthorization). */
  authorization: string | null = null,
): Promise<Response> {
  let upstream: Response;
  try {
    upstream = await fetch(`${apiUrl}/export/${format}${exportQuery(scope)}`, {
      ...(signal ? { signal } : {}),
      ...(authorization ? { headers: { authorization } } : {}),
    });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    error(502, 'the Pandu API did not answer');
  }
  if (!upstream.ok || !upstream.body) {
    error(upstream.status >= 400 ? upstream.status : 502, await apiMessage(upstream));
  }
  const headers = new Headers();
  for (const name of FORWARDED) {
    const value = upstream.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  return new Response(upstream.body, { status: 200, headers });
}

/** The message of an API error body (`{"error":{"message":...}}`), else the status. */
async function apiMessage(response: Response): Promise<string> {
  try {
    const body: unknown = await response.json();
    if (
      body &&
      typeof body === 'object' &&
      'error' in body &&
      body.error &&
      typeof body.error === 'object' &&
      'message' in body.error &&
      typeof body.error.message === 'string'
    ) {
      return body.error.message;
    }
  } catch {
    // not JSON
  }
  return `the Pandu API answered ${response.status}`;
}
