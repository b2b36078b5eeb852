import type { Handle } from '@sveltejs/kit';
import { parseLang } from '$lib/i18n/lang.js';
import { withSecurityHeaders } from '$lib/server/security-headers.js';

// The language lives in the URL (`?lang=en`) so a copied link shows the same words; the <html lang>
// attribute must follow it for screen readers and hyphenation, hence the placeholder in app.html.
// Every response, pages, data, downloads and errors alike, leaves with the security headers.
export const handle: Handle = async ({ event, resolve }) => {
  const lang = parseLang(event.url.searchParams.get('lang'));
  event.locals.lang = lang;
  const response = await resolve(event, {
    transformPageChunk: ({ html }) => html.replace('%pandu.lang%', lang),
  });
  return withSecurityHeaders(response);
};
