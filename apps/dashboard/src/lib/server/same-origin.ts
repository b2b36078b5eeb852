/**
 * Whether a state-changing request comes from this site's own pages. SvelteKit's origin check
 * covers form content types only; an endpoint that takes a raw body (an upload) checks itself:
 * the browser's `Origin` must be this site's, and `Sec-Fetch-Site`, when sent, must not say
 * another site. A request without `Origin` is refused: every browser sends one with a POST.
 *
 * @example
 * ```ts
 * if (!isSameOrigin(request, url)) return json({ message: 'cross-site' }, { status: 403 });
 * ```
 */
export function isSameOrigin(request: Request, url: URL): boolean {
  const site = request.headers.get('sec-fetch-site');
  if (site !== null && site !== 'same-origin') return false;
  return request.headers.get('origin') === url.origin;
}
