import { createTRPCClient, httpBatchLink, TRPCClientError, type TRPCClient } from '@trpc/client';
import { error } from '@sveltejs/kit';
import { getRequestEvent } from '$app/server';
import type { AppRouter } from '@pandu/api';
import { readDashboardEnv } from './env.js';

// Only the dashboard's server talks to the API: load functions call it so every page arrives
// rendered with its data, and the browser's own requests (navigation, filters, search, downloads)
// come back to SvelteKit, which calls the API in turn. One origin for the browser, no CORS, no API
// URL baked into the client bundle, and no tRPC client code shipped to it.

/** The API's own limits (apps/server/src/http-server.ts DEFAULT_LIMITS), kept below here. */
const MAX_BATCH = 16;
const MAX_URL_LENGTH = 8000;

export type Api = TRPCClient<AppRouter>;

let client: Api | undefined;
let asideClient: Api | undefined;

/**
 * The process-wide API client. Calls made in the same tick (a load's `Promise.all`) travel in one
 * batched HTTP request.
 *
 * @example
 * ```ts
 * const region = await api().regions.get.query({ code: '35.05' });
 * ```
 */
export function api(): Api {
  // When the API needs a login to read (PANDU_PUBLIC=false), a logged-in user's reads carry their
  // session (hooks.server.ts sets `readApi`); otherwise reads go through the shared client,
  // anonymous, so the API's answers stay cacheable and one load's calls are batched.
  const perRequest = requestReadApi();
  if (perRequest) return perRequest;
  client ??= createApiClient(readDashboardEnv().apiUrl);
  return client;
}

/**
 * A second process-wide client, anonymous, for a call made beside another one that should not
 * join its batch (a batch is answered when its slowest call is): the dataset's health, asked
 * beside the read policy on a page's first request, which then waits for the policy alone.
 * Only for procedures open without a login (`health`).
 */
export function asideApi(): Api {
  asideClient ??= createApiClient(readDashboardEnv().apiUrl);
  return asideClient;
}

function requestReadApi(): Api | null {
  try {
    return getRequestEvent().locals.readApi ?? null;
  } catch {
    // Outside a request (a script, a test): the shared client.
    return null;
  }
}

/**
 * A client for the API at `baseUrl` (without `/trpc`), for tests and scripts; `headers` go with
 * every call (a user's `authorization: Bearer ...`, the browser's address in `x-forwarded-for`).
 */
export function createApiClient(baseUrl: string, headers: Record<string, string> = {}): Api {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: `${baseUrl}/trpc`,
        maxItems: MAX_BATCH,
        maxURLLength: MAX_URL_LENGTH,
        headers: () => headers,
      }),
    ],
  });
}

const UNCACHED = new WeakSet<Api>();

/**
 * A client whose calls the API answers afresh and does not keep (`Cache-Control: no-cache`), and
 * whose answers the dashboard's own short caches do not keep either ({@link isUncachedApi}): for
 * the warm-up before the dashboard listens (scripts/start.js, WARM_UP_HEADER), so the warm-up
 * compiles the code every page runs without computing any answer a visitor then gets from a cache.
 *
 * @example
 * ```ts
 * locals.readApi = uncachedApiClient(readDashboardEnv().apiUrl);
 * ```
 */
export function uncachedApiClient(baseUrl: string): Api {
  const client = createApiClient(baseUrl, { 'cache-control': 'no-cache' });
  UNCACHED.add(client);
  return client;
}

/** Whether `client` is one of {@link uncachedApiClient}'s: its answers are not to be kept. */
export function isUncachedApi(client: Api): boolean {
  return UNCACHED.has(client);
}

/** `data.retryAfterSeconds` of a refused login (TOO_MANY_REQUESTS), if the error has it. */
export function apiRetryAfterSeconds(cause: unknown): number | null {
  if (!(cause instanceof TRPCClientError)) return null;
  const data: unknown = cause.data;
  if (data && typeof data === 'object' && 'retryAfterSeconds' in data) {
    return typeof data.retryAfterSeconds === 'number' ? data.retryAfterSeconds : null;
  }
  return null;
}

/** The tRPC error code of an API failure (`NOT_FOUND`, `BAD_REQUEST`, ...), if it is one. */
export function apiErrorCode(cause: unknown): string | null {
  if (!(cause instanceof TRPCClientError)) return null;
  const data: unknown = cause.data;
  if (data && typeof data === 'object' && 'code' in data && typeof data.code === 'string') {
    return data.code;
  }
  return null;
}

/**
 * A figure that may legitimately be absent (no village has a value that year, a scope without
 * mentoring): the API answers NOT_FOUND and the page shows "no data" instead of failing.
 */
export async function orNull<T>(promise: Promise<T>): Promise<T | null> {
  try {
    return await promise;
  } catch (cause) {
    if (apiErrorCode(cause) === 'NOT_FOUND') return null;
    throw cause;
  }
}

/**
 * The thing a page is about (a region, a village): unknown or malformed becomes the 404 page
 * with the API's message (`unknown region code: 35.99`); anything else is rethrown.
 */
export async function orNotFound<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (cause) {
    const code = apiErrorCode(cause);
    if (code === 'NOT_FOUND' || code === 'BAD_REQUEST') {
      error(404, cause instanceof Error ? cause.message : 'not found');
    }
    throw cause;
  }
}
