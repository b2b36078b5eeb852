import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import type { SqlAnswer } from '@pandu/db';
import { NoSqlRunnerError } from '../sql-runner.js';
import { roleProcedure } from '../trpc.js';

/** Longest query text accepted: a query travels in the URL of a GET (`/trpc/sql.query?input=`). */
export const SQL_TEXT_MAX = 8_000;
/** Most rows a query may ask for; the sandbox caps at its own limit too. */
export const SQL_ROWS_MAX = 10_000;

export const SqlQueryInput = z.object({
  sql: z.string().trim().min(1, 'write a query').max(SQL_TEXT_MAX),
  limit: z.number().int().min(1).max(SQL_ROWS_MAX).optional(),
});

/**
 * The researchers' SQL console over HTTP: one read-only statement over the published version,
 * run by the host's sandbox at a per-user rate (SqlConsole) (worker processes with their own locked-down DuckDB; never the API's
 * own instance). For signed-in users (any role): the version files hold the audit log, whose
 * writer names anonymous readers are not shown (`versions.changes`).
 */
export const sqlRouter = {
  query: roleProcedure('viewer')
    .input(SqlQueryInput)
    .query(async ({ ctx, input }): Promise<SqlAnswer> => {
      if (!ctx.sql) throw new NoSqlRunnerError();
      return ctx.sql.query(ctx.user.name, input.sql, input.limit);
    }),
} satisfies TRPCRouterRecord;
