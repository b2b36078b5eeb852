import { z } from 'zod';
import { USER_ROLES } from './user-roles.js';

/**
 * A user's role, one of {@link USER_ROLES}.
 *
 * @example
 * ```ts
 * UserRole.parse('analyst'); // 'analyst'
 * UserRole.safeParse('root').success; // false
 * ```
 */
export const UserRole = z.enum(USER_ROLES);
export type UserRole = z.infer<typeof UserRole>;

/**
 * A user's name: 2 to 32 characters, lower-case letters, digits, `.`, `_` and `-`, starting with
 * a letter or digit. Lower case only, so `Ana` and `ana` cannot be two accounts; short and plain
 * so it is safe in a log line, a file name and a header.
 *
 * @example
 * ```ts
 * UserNameSchema.parse('ana.rahma'); // 'ana.rahma'
 * UserNameSchema.safeParse('Ana').success; // false
 * ```
 */
export const UserNameSchema = z.string().regex(/^[a-z0-9][a-z0-9._-]{1,31}$/, {
  error: (issue) =>
    `must be 2-32 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit, got ${JSON.stringify(issue.input)}`,
});
export type UserName = z.infer<typeof UserNameSchema>;
