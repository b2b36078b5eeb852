import { basename } from 'node:path';
import { datasetHealth, type DatasetHealth } from '@pandu/db';
import { openProcedure } from '../trpc.js';

/** What `health()` answers: the dataset's health with the name of the file the server opened. */
export type ApiHealth = Omit<DatasetHealth, 'file'> & { file: string };

/**
 * `health()`: database file name, data version, years, row counts. Never cached: it is how an
 * operator sees that an import landed. The file's name only, not its path: the API is public, and
 * where the server keeps its files is no business of a caller (issue 13). A procedure at the root rather than a router of its own, so the
 * contract's name is `health`, not `health.get`. Runs on the connection reserved for it
 * (`ctx.healthDb`), so it answers while every pooled connection is busy. Open without a login even
 * when reading needs one (`openProcedure`): a load balancer checks it.
 */
export const healthProcedure = openProcedure.query(async ({ ctx }): Promise<ApiHealth> => ({
  ...(await datasetHealth(ctx.healthDb ?? ctx.db)),
  file: basename(ctx.dbPath),
}));
