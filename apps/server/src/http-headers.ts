import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Headers on every answer of the API, whatever the route or status. The API serves JSON and zip
 * files, never a page, so the policy denies everything a browser could do with an answer: load
 * anything from it, run it, frame it, sniff another type out of it, or send the URL on as a
 * referrer (an input can hold a village code someone looked up).
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'; base-uri 'none'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Permissions-Policy':
    'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
  'Cross-Origin-Resource-Policy': 'same-site',
};

/** Set {@link SECURITY_HEADERS} on `res`. */
export function setSecurityHeaders(res: ServerResponse): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
}

/**
 * CORS for the origins the operator listed (`PANDU_CORS_ORIGINS`), none by default: a browser
 * page on another origin may read an answer only when its `Origin` is in `allowed` (or `allowed`
 * holds `*`). Same-origin pages and clients that are not browsers (the dashboard's server side,
 * curl, scripts) need no CORS and are served either way: CORS only tells a browser what a page may
 * read, it refuses nothing. Answers vary by `Origin`, so a shared cache keeps them apart.
 *
 * @returns whether the request's origin was allowed (a preflight gets the allowed methods then).
 * @example
 * ```ts
 * setCorsHeaders(req, res, ['http://127.0.0.1:5173']);
 * ```
 */
export function setCorsHeaders(
  req: IncomingMessage,
  res: ServerResponse,
  allowed: readonly string[],
): boolean {
  if (allowed.length === 0) return false;
  if (allowed.includes('*')) {
    // Any origin: the same answer for all, so nothing to vary on.
    res.setHeader('Access-Control-Allow-Origin', '*');
  } else {
    res.setHeader('Vary', 'Origin');
    const origin = req.headers.origin;
    if (origin === undefined || !allowed.includes(origin)) return false;
    res.setHeader('Access-Control-Allow-Origin', origin);
  }
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, HEAD, OPTIONS');
  res.setHeader(
    'Access-Control-Allow-Headers',
    'authorization, content-type, if-none-match, trpc-accept',
  );
  res.setHeader('Access-Control-Expose-Headers', 'etag, content-disposition, retry-after');
  return true;
}
