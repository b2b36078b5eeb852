// The headers every response of the dashboard carries (issue 13, finding 4). Pages get their
// Content-Security-Policy from SvelteKit (`kit.csp` in svelte.config.js, with a nonce per
// response); anything else (a CSV or zip download, a page's __data.json, the error answer of an
// endpoint) gets NON_PAGE_POLICY, which allows nothing to run or load: such a response is never
// meant to be rendered as a document.

// The values live in a plain JavaScript module, because the launcher (scripts/start.js) sets them
// too, on the static files adapter-node serves before SvelteKit's hooks run.
import { NON_PAGE_POLICY, SECURITY_HEADERS } from '../security-headers.js';

export { NON_PAGE_POLICY, SECURITY_HEADERS };

/**
 * `response` with the security headers, and NON_PAGE_POLICY if it has no policy yet.
 *
 * @example
 * ```ts
 * withSecurityHeaders(new Response('a,b\n')).headers.get('x-content-type-options'); // 'nosniff'
 * ```
 */
export function withSecurityHeaders(response: Response): Response {
  let headers = response.headers;
  let target = response;
  try {
    apply(headers);
  } catch {
    // The headers of a Response from fetch() are immutable: answer with a copy.
    target = new Response(response.body, response);
    headers = target.headers;
    apply(headers);
  }
  return target;
}

function apply(headers: Headers): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) headers.set(name, value);
  if (!headers.has('content-security-policy')) {
    headers.set('content-security-policy', NON_PAGE_POLICY);
  }
}
