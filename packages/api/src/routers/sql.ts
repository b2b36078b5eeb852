import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { SQL_ROWS_MAX, SQL_TEXT_MAX } from '@pandu/domain';
import { consoleSchema, type ConsoleTable, type SqlAnswer } from '@pandu/db';
import { cachedResult } from '../result-cache.js';
import { NoSqlRunnerError } from '../sql-runner.js';
import { publicProcedure, roleProcedure } from '../trpc.js';

export const SqlQueryInput = z.object({
  sql: z.string().trim().min(1, 'write a query').max(SQL_TEXT_MAX),
  limit: z.number().int().min(1).max(SQL_ROWS_MAX).optional(),
});

/**
 * The researchers' SQL console over HTTP (`POST /trpc/sql.query` with `{"sql": "..."}`): one read-only statement over the published version,
 * run by the host's sandbox at a per-user rate (SqlConsole) (worker processes with their own locked-down DuckDB; never the API's
 * own instance). For signed-in users (any role): the version files hold the audit log, whose
 * writer names anonymous readers are not shown (`versions.changes`).
 */
export const sqlRouter = {
  /**
   * The tables a console query can read: columns, DuckDB types and the data dictionary's
   * descriptions. Open to every reader (it is the dictionary the exports carry).
   */
  schema: publicProcedure.query(({ ctx }): Promise<ConsoleTable[]> =>
    cachedResult(ctx, 'sql.schema', {}, () => consoleSchema(ctx.db)),
  ),
  query: roleProcedure('viewer')
    .input(SqlQueryInput)
    .mutation(async ({ ctx, input }): Promise<SqlAnswer> => {
      if (!ctx.sql) throw new NoSqlRunnerError();
      return ctx.sql.query(ctx.user.name, input.sql, input.limit);
    }),
} satisfies TRPCRouterRecord;
