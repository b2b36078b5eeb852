import { redirect } from '@sveltejs/kit';
import { clearSessionCookie } from '$lib/server/session-cookie.js';
import type { Actions } from './$types';

export const actions: Actions = {
  /**
   * End the session on the API (`auth.logout`) and forget the cookie, then go home. A POST only
   * (the header's button), which SvelteKit's origin check keeps to this site: a link elsewhere
   * cannot log anybody out.
   */
  default: async ({ cookies, locals, url }) => {
    // The API may be unreachable: the cookie goes anyway, and the session ends at its expiry.
    await locals.userApi?.auth.logout.mutate().catch(() => undefined);
    clearSessionCookie(cookies, url.protocol === 'https:');
    redirect(303, locals.lang === 'en' ? '/?lang=en' : '/');
  },
};
