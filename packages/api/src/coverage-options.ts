import type { CoverageOptions } from '@pandu/db';
import type { Context } from './context.js';

/**
 * The completeness threshold of the queries that tell complete years from partial ones: the
 * server's `PANDU_COMPLETE_COVERAGE` when its context carries one (`completeCoverage`), else the
 * db package's default (`COMPLETE_YEAR_COVERAGE`, 0.9).
 *
 * @example
 * ```ts
 * timeseries(ctx.db, input, coverageOptions(ctx));
 * ```
 */
export function coverageOptions(ctx: Pick<Context, 'completeCoverage'>): CoverageOptions {
  return ctx.completeCoverage === undefined ? {} : { completeCoverage: ctx.completeCoverage };
}
