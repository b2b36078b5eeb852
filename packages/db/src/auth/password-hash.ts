import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// scrypt from node:crypto: memory-hard (N * r * 128 bytes = 32 MiB per hash), no native package
// to build. N=2^15, r=8, p=1 are the parameters OWASP lists for scrypt; one hash takes ~100 ms on
// the machines we run on. They are stored with each hash, so raising them later leaves the old
// hashes readable.
const N = 2 ** 15;
const R = 8;
const P = 1;
const KEY_BYTES = 32;
const SALT_BYTES = 16;
// Node refuses N * r * 128 above `maxmem` (32 MiB by default, exactly our need, plus overhead).
const MAXMEM = 64 * 1024 * 1024;

/** Shortest password `addUser` and `setPassword` accept. */
export const MIN_PASSWORD_LENGTH = 10;
/** Longest: a bound so nobody makes the server hash megabytes. */
export const MAX_PASSWORD_LENGTH = 1024;

function derive(password: string, salt: Buffer, options: ScryptOptions, bytes: number) {
  return new Promise<Buffer>((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, bytes, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/**
 * The stored form of a password: `scrypt$N$r$p$salt$key`, salt and key base64url.
 *
 * @example
 * ```ts
 * const stored = await hashPassword('correct horse battery');
 * await verifyPasswordHash('correct horse battery', stored); // true
 * ```
 */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, { N, r: R, p: P, maxmem: MAXMEM }, KEY_BYTES);
  return ['scrypt', N, R, P, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/**
 * Whether `password` is the one `stored` was made from, compared in constant time. A malformed
 * `stored` is false, never an exception.
 */
export async function verifyPasswordHash(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [n, r, p] = parts.slice(1, 4).map(Number);
  const salt = Buffer.from(parts[4] ?? '', 'base64url');
  const key = Buffer.from(parts[5] ?? '', 'base64url');
  if (!n || !r || !p || key.length === 0) return false;
  const derived = await derive(password, salt, { N: n, r, p, maxmem: MAXMEM }, key.length);
  return timingSafeEqual(derived, key);
}

// Made once per process: checking a password against it costs what checking a real user's does.
let dummy: Promise<string> | null = null;

/**
 * Spend the time of one password check and answer false: for a name that is no user's, so that
 * how long a login takes does not tell which names exist.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummy ??= hashPassword(randomBytes(16).toString('base64url'));
  await verifyPasswordHash(password, await dummy);
  return false;
}

/** Why `password` may not be stored (a message that never quotes it), or null when it may. */
export function checkPasswordPolicy(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH)
    return `the password must be at least ${MIN_PASSWORD_LENGTH} characters long`;
  if (password.length > MAX_PASSWORD_LENGTH)
    return `the password must be at most ${MAX_PASSWORD_LENGTH} characters long`;
  return null;
}
