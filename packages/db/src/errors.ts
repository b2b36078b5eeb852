/**
 * No region has this code (the code is well formed, but not in the database).
 *
 * @example
 * ```ts
 * throw new UnknownRegionError('35.99'); // message: "unknown region code: 35.99"
 * ```
 */
export class UnknownRegionError extends Error {
  override readonly name = 'UnknownRegionError';
  constructor(readonly code: string) {
    super(`unknown region code: ${code}`);
  }
}

/**
 * The database holds no data for what was asked (e.g. a year outside the observations).
 *
 * @example
 * ```ts
 * throw new NoDataError('no observations for 1999 in 35.05');
 * ```
 */
export class NoDataError extends Error {
  override readonly name = 'NoDataError';
}
