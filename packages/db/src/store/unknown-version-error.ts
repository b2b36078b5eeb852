/**
 * A version that cannot be rolled back to: never published, or its file was pruned (only the last
 * `keep` are kept).
 *
 * @example
 * ```ts
 * throw new UnknownVersionError(9, 'no such version (the newest is 7)');
 * ```
 */
export class UnknownVersionError extends Error {
  override readonly name = 'UnknownVersionError';
  constructor(
    readonly version: number,
    reason: string,
  ) {
    super(`unknown version ${version}: ${reason}`);
  }
}
