import type { Handle } from '@sveltejs/kit';
import { parseLang } from '$lib/i18n/lang.js';

// The language lives in the URL (`?lang=en`) so a copied link shows the same words; the <html lang>
// attribute must follow it for screen readers and hyphenation, hence the placeholder in app.html.
export const handle: Handle = async ({ event, resolve }) => {
  const lang = parseLang(event.url.searchParams.get('lang'));
  event.locals.lang = lang;
  return resolve(event, {
    transformPageChunk: ({ html }) => html.replace('%pandu.lang%', lang),
  });
};
