// Zod-free, like regions/village-kinds.ts: a browser bundle that needs only the list or the rank
// check (the dashboard's header and its upload link) leaves zod out. The schemas built from it are
// in user-role.ts.

/**
 * The roles a Pandu user may have, lowest first: a `viewer` reads, an `analyst` also uploads and
 * imports, an `admin` also rolls back and manages users. Each role allows everything the roles
 * before it allow; see `roleAllows` and `UserRole`.
 *
 * @example
 * ```ts
 * USER_ROLES[0]; // 'viewer'
 * ```
 */
export const USER_ROLES = ['viewer', 'analyst', 'admin'] as const;

/**
 * Whether a user with `role` may do what needs `needed`: admin > analyst > viewer.
 *
 * @example
 * ```ts
 * roleAllows('admin', 'analyst'); // true
 * roleAllows('viewer', 'analyst'); // false
 * ```
 */
export function roleAllows(
  role: (typeof USER_ROLES)[number],
  needed: (typeof USER_ROLES)[number],
): boolean {
  return USER_ROLES.indexOf(role) >= USER_ROLES.indexOf(needed);
}
