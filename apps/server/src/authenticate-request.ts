import type { IncomingMessage } from 'node:http';
import { toAuthUser, type AuthUser } from '@pandu/api';
import type { AuthStore } from '@pandu/db';

/** Who made a request, or why its credentials were refused. */
export type RequestAuthentication =
  { ok: true; user: AuthUser | null; bearer: string | null } | { ok: false; message: string };

/**
 * Resolve `Authorization: Bearer <token>` (a login session or an API token) to the request's
 * user, per request, so a revocation holds at the next one. No header: anonymous (`user: null`).
 * A header that is not a bearer token, or a token that is unknown, expired or revoked, is refused
 * (the caller answers 401 in JSON): a client that sent credentials wants to act as someone, and
 * quietly serving it as anonymous would hide the problem until a write fails.
 *
 * @example
 * ```ts
 * const who = await authenticateRequest(req, ctx.auth ?? null);
 * if (!who.ok) return send(res, 401, trpcError('UNAUTHORIZED', who.message));
 * ```
 */
export async function authenticateRequest(
  req: IncomingMessage,
  auth: AuthStore | null,
): Promise<RequestAuthentication> {
  const header = req.headers.authorization;
  if (header === undefined || header === '') return { ok: true, user: null, bearer: null };
  const match = /^Bearer[ ]+([A-Za-z0-9._~+/=-]{1,256})[ ]*$/i.exec(header);
  if (!match?.[1]) {
    return { ok: false, message: 'Authorization must be "Bearer <token>"' };
  }
  if (!auth)
    return { ok: false, message: 'this server has no users; send no Authorization header' };
  const bearer = match[1];
  const found = await auth.authenticate(bearer);
  if (!found) {
    return { ok: false, message: 'the token is unknown, expired or revoked; log in again' };
  }
  return { ok: true, user: toAuthUser(found), bearer };
}
