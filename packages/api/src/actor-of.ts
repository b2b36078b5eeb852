import type { Actor } from '@pandu/db';
import type { AuthUser } from './auth-user.js';

/**
 * Who an audit record names for a request's user: the user, or for an API token the token (its
 * owner and label, else its id), so a script's writes are told from its owner's own.
 *
 * @example
 * ```ts
 * actorOf({ name: 'ana', role: 'analyst', via: 'token', tokenId: 't1', tokenLabel: 'nightly' });
 * // { kind: 'token', name: 'ana (token nightly)' }
 * ```
 */
export function actorOf(user: AuthUser): Actor {
  if (user.via === 'token') {
    return {
      kind: 'token',
      name: `${user.name} (token ${user.tokenLabel ?? user.tokenId ?? '?'})`,
    };
  }
  return { kind: 'user', name: user.name };
}
