import { datasetHealth, type DatasetHealth } from '@pandu/db';
import { publicProcedure } from '../trpc.js';

/** What `health()` answers: the dataset's health with the file the server opened. */
export type ApiHealth = Omit<DatasetHealth, 'file'> & { file: string };

/**
 * `health()`: database file, data version, years, row counts. Never cached: it is how an operator
 * sees that an import landed. A procedure at the root rather than a router of its own, so the
 * contract's name is `health`, not `health.get`. Runs on the connection reserved for it
 * (`ctx.healthDb`), so it answers while every pooled connection is busy.
 */
export const healthProcedure = publicProcedure.query(async ({ ctx }): Promise<ApiHealth> => ({
  ...(await datasetHealth(ctx.healthDb ?? ctx.db)),
  file: ctx.dbPath,
}));
