import type { IncomingMessage } from 'node:http';

/**
 * The same-origin rule of the API's write routes (tRPC POSTs, and every POST /import/*): a
 * browser request from another site is refused (403), whatever credentials it carries. A request
 * passes when its `Origin` is absent (curl, scripts, the dashboard's server side), is the API's
 * own origin (scheme and the `Host` it was reached at), or is listed in PANDU_CORS_ORIGINS; one
 * without `Origin` passes unless `Sec-Fetch-Site: cross-site` says a browser sent it from
 * another site. `*` in the CORS list lets any page *read*; it does not let any page write: list
 * the origins that may.
 *
 * The API's own credentials are bearer tokens, which a browser never attaches by itself, so
 * this is defence in depth against a forged form POST (issue 10), not the only guard.
 *
 * @returns null when the request may write, else why not (for a 403).
 * @example
 * ```ts
 * const refused = checkWriteOrigin(req, env.corsOrigins);
 * if (refused) return send(res, 403, trpcError('FORBIDDEN', refused));
 * ```
 */
export function checkWriteOrigin(req: IncomingMessage, allowed: readonly string[]): string | null {
  const origin = req.headers.origin;
  const fetchSite = req.headers['sec-fetch-site'];
  if (origin === undefined) {
    return fetchSite === 'cross-site'
      ? 'cross-site requests may not write (Sec-Fetch-Site: cross-site)'
      : null;
  }
  if (origin !== '*' && allowed.includes(origin)) return null;
  const host = req.headers.host;
  if (host && (origin === `http://${host}` || origin === `https://${host}`)) return null;
  // `Origin: null` (a sandboxed frame, a file://, a redirect across sites) is no origin we know.
  return `requests from origin ${origin} may not write here (not the API's own origin nor in PANDU_CORS_ORIGINS)`;
}
