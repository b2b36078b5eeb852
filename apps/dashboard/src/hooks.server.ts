import type { Handle, RequestEvent } from '@sveltejs/kit';
import { parseLang } from '$lib/i18n/lang.js';
import {
  api,
  apiErrorCode,
  asideApi,
  createApiClient,
  uncachedApiClient,
} from '$lib/server/api.js';
import { WARM_UP_HEADER } from '$lib/warm-up.js';
import { datasetInfo } from '$lib/server/dataset-info.js';
import { readDashboardEnv } from '$lib/server/env.js';
import { readPolicy } from '$lib/server/read-policy.js';
import { withSecurityHeaders } from '$lib/server/security-headers.js';
import { bodyTooLarge } from '$lib/server/body-limit.js';
import { clearSessionCookie, SESSION_COOKIE } from '$lib/server/session-cookie.js';

/** Pages anybody may open even when reading needs a login. */
const OPEN_PATHS = ['/masuk', '/keluar'];

// The language lives in the URL (`?lang=en`) so a copied link shows the same words; the <html lang>
// attribute must follow it for screen readers and hyphenation, hence the placeholder in app.html.
// Every response, pages, data, downloads and errors alike, leaves with the security headers.
export const handle: Handle = async ({ event, resolve }) => {
  const lang = parseLang(event.url.searchParams.get('lang'));
  event.locals.lang = lang;
  // Only the upload routes take a large body (body-limit.ts).
  if (bodyTooLarge(event.request, event.url)) {
    return withSecurityHeaders(new Response('request body too large', { status: 413 }));
  }
  const loginPage = await authenticate(event);
  if (loginPage) return withSecurityHeaders(loginPage);
  const response = await resolve(event, {
    transformPageChunk: ({ html }) => html.replace('%pandu.lang%', lang),
  });
  return withSecurityHeaders(response);
};

/**
 * Who is logged in: the HttpOnly session cookie, checked with the API's `auth.me` on every
 * request (so a session ended elsewhere, or the user removed, ends here at once). Sets
 * `locals.user` and the clients that send the session. When the API needs a login to read and
 * nobody is logged in, a page is sent to the login page (303) and anything else answered 401.
 */
async function authenticate(event: RequestEvent): Promise<Response | null> {
  const { locals, cookies, url } = event;
  locals.user = null;
  locals.userApi = null;
  locals.readApi = null;
  locals.readAuthorization = null;
  locals.loginRequired = null;
  // The warm-up before the dashboard listens (scripts/start.js, which strips this header from
  // every request it serves): its reads leave nothing in any cache.
  const warmUp = event.request.headers.get(WARM_UP_HEADER) === '1';
  if (warmUp) locals.readApi = uncachedApiClient(readDashboardEnv().apiUrl);
  const secure = url.protocol === 'https:';
  const open = OPEN_PATHS.some((p) => url.pathname === p || url.pathname.startsWith(`${p}/`));
  // Asked beside `auth.me`, not after it (cached for a few seconds; null: the API cannot be
  // asked, and the page's own calls fail and show why).
  const policy = open ? null : readPolicy(api()).catch(() => null);
  // The dataset's years, which the layout and most pages need before their year's figures: asked
  // now too (cached for a few seconds, so usually at hand), in a request of its own, so the
  // policy's answer does not wait for it and the pages' calls that need no year go out meanwhile.
  // `health` is open without a login; a failure is the page's to show when it asks.
  if (!open) datasetInfo(warmUp ? api() : asideApi()).catch(() => undefined);
  const token = cookies.get(SESSION_COOKIE);
  if (token) {
    const userApi = createApiClient(readDashboardEnv().apiUrl, {
      authorization: `Bearer ${token}`,
      'x-forwarded-for': event.getClientAddress(),
    });
    try {
      const me = await userApi.auth.me.query();
      if (me) {
        locals.user = me;
        locals.userApi = userApi;
      } else {
        clearSessionCookie(cookies, secure);
      }
    } catch (cause) {
      // Expired, ended or revoked: forget it. Another failure (the API down) is left to the page.
      if (apiErrorCode(cause) === 'UNAUTHORIZED') clearSessionCookie(cookies, secure);
    }
  }
  const read = await policy;
  if (read === null || read.publicRead) return null;
  if (locals.user && locals.userApi && token) {
    locals.readApi = locals.userApi;
    locals.readAuthorization = `Bearer ${token}`;
    return null;
  }
  // A page is sent to the login page, and comes back after it (`next`). A client-side navigation
  // (__data.json) is redirected by the root layout's load, in SvelteKit's own data format.
  const loginHref = `/masuk?next=${encodeURIComponent(`${url.pathname}${url.search}`)}${locals.lang === 'en' ? '&lang=en' : ''}`;
  if (event.isDataRequest) {
    locals.loginRequired = loginHref;
    return null;
  }
  if (event.request.method === 'GET' || event.request.method === 'HEAD') {
    return new Response(null, {
      status: 303,
      headers: { location: loginHref, 'cache-control': 'no-store' },
    });
  }
  return new Response(JSON.stringify({ message: 'log in first' }), {
    status: 401,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  });
}
