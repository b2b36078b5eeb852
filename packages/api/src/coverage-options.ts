import type { CoverageOptions } from '@pandu/db';

/**
 * The completeness threshold of the queries that tell complete years from partial ones: the
 * server's `PANDU_COMPLETE_COVERAGE` when its context carries one (`completeCoverage`), else the
 * db package's default (`COMPLETE_YEAR_COVERAGE`, 0.9). Read structurally so a context without
 * the field (tests, older hosts) keeps the default.
 *
 * @example
 * ```ts
 * timeseries(ctx.db, input, coverageOptions(ctx));
 * ```
 */
export function coverageOptions(ctx: object): CoverageOptions {
  const value = (ctx as { completeCoverage?: unknown }).completeCoverage;
  return typeof value === 'number' ? { completeCoverage: value } : {};
}
