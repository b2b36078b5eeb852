/**
 * A version that cannot be rolled back to: never published, its file pruned (only the last `keep`
 * are kept), or the current one already.
 *
 * @example
 * ```ts
 * throw new UnknownVersionError(9, 'no such version (versions run from 1 to 7)');
 * // message: "cannot roll back to version 9: no such version (versions run from 1 to 7)"
 * ```
 */
export class UnknownVersionError extends Error {
  override readonly name = 'UnknownVersionError';
  constructor(
    readonly version: number,
    reason: string,
  ) {
    super(`cannot roll back to version ${version}: ${reason}`);
  }
}
