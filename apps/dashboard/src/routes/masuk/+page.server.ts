import { fail, redirect } from '@sveltejs/kit';
import { apiErrorCode, apiRetryAfterSeconds, createApiClient } from '$lib/server/api.js';
import { readDashboardEnv } from '$lib/server/env.js';
import { safeNext, setSessionCookie } from '$lib/server/session-cookie.js';
import type { Actions, PageServerLoad } from './$types';

/** Why a login failed, as the form shows it. */
type LoginProblem = 'missing' | 'wrong' | 'rateLimited' | 'noUsers' | 'unavailable';

export const load: PageServerLoad = ({ url, locals }) => ({
  next: safeNext(url.searchParams.get('next')),
  // Sent here by a page that needs a login (`next` set by hooks.server.ts).
  required: url.searchParams.has('next'),
  user: locals.user,
});

export const actions: Actions = {
  /**
   * Log in through the API (`auth.login`) and keep the session in an HttpOnly cookie. The
   * browser's address goes along so the API's per-address limit counts this browser, not the
   * dashboard. SvelteKit's origin check refuses this POST from another site.
   */
  default: async ({ request, cookies, url, getClientAddress }) => {
    const form = await request.formData();
    const name = String(form.get('name') ?? '').trim();
    const password = String(form.get('password') ?? '');
    const next = safeNext(form.get('next'));
    const problem = (status: number, error: LoginProblem, minutes: number | null = null) =>
      fail(status, { name, error, minutes });
    if (name === '' || password === '') return problem(400, 'missing');
    const client = createApiClient(readDashboardEnv().apiUrl, {
      'x-forwarded-for': getClientAddress(),
    });
    let login;
    try {
      login = await client.auth.login.mutate({ name, password });
    } catch (cause) {
      const code = apiErrorCode(cause);
      if (code === 'UNAUTHORIZED' || code === 'BAD_REQUEST') return problem(400, 'wrong');
      if (code === 'TOO_MANY_REQUESTS') {
        const seconds = apiRetryAfterSeconds(cause) ?? 900;
        return problem(429, 'rateLimited', Math.max(1, Math.ceil(seconds / 60)));
      }
      if (code === 'NOT_IMPLEMENTED') return problem(503, 'noUsers');
      return problem(503, 'unavailable');
    }
    setSessionCookie(cookies, login.token, login.expiresAt, url.protocol === 'https:');
    redirect(303, next);
  },
};
