import type { UserRole } from '@pandu/domain';
import type { Authentication } from '@pandu/db';

/**
 * The user a request is made by, as procedures see them: who, with which role, and how they
 * proved it (a login session, or an API token, whose id and label an audit record names).
 */
export interface AuthUser {
  name: string;
  role: UserRole;
  via: 'session' | 'token';
  tokenId: string | null;
  tokenLabel: string | null;
}

/**
 * The request's user from what `AuthStore.authenticate` found.
 *
 * @example
 * ```ts
 * const found = await auth.authenticate(bearer);
 * const user = found ? toAuthUser(found) : null;
 * ```
 */
export function toAuthUser(found: Authentication): AuthUser {
  return {
    name: found.user.name,
    role: found.user.role,
    via: found.via,
    tokenId: found.tokenId ?? null,
    tokenLabel: found.tokenLabel ?? null,
  };
}
