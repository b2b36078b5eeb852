import type { Cookies } from '@sveltejs/kit';

/** The cookie holding a logged-in user's session token (an API bearer token). */
export const SESSION_COOKIE = 'pandu_session';

/**
 * Keep a session in the browser: HttpOnly (no script reads it), SameSite=Lax (not sent with
 * another site's POST), Secure when the dashboard is reached over HTTPS, and gone when the
 * session ends on the API (`expiresAt`).
 *
 * @example
 * ```ts
 * setSessionCookie(cookies, login.token, login.expiresAt, url.protocol === 'https:');
 * ```
 */
export function setSessionCookie(
  cookies: Cookies,
  token: string,
  expiresAt: string,
  secure: boolean,
  now: number = Date.now(),
): void {
  cookies.set(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure,
    maxAge: Math.max(0, Math.floor((Date.parse(expiresAt) - now) / 1000)),
  });
}

/** Forget the session in the browser (logout, or a session the API no longer knows). */
export function clearSessionCookie(cookies: Cookies, secure: boolean): void {
  cookies.delete(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure });
}

/**
 * Where to go after logging in: a path of this site only (`/wilayah/35?lang=en`), never another
 * site (`//evil.example`, `https://...`), else the home page.
 */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//')) return '/';
  if (next.startsWith('/\\') || next.length > 2000) return '/';
  return next;
}
