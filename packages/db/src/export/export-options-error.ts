/**
 * Export options that cannot be carried out: the message names the option and the bad value.
 * (An unknown region code throws `UnknownRegionError` instead, as every query does.)
 *
 * @example
 * ```ts
 * throw new ExportOptionsError('years.from (2025) is after years.to (2021)');
 * ```
 */
export class ExportOptionsError extends Error {
  override readonly name = 'ExportOptionsError';
}
