import { basename } from 'node:path';
import { datasetHealth, type DatasetHealth } from '@pandu/db';
import { coverageOptions } from '../coverage-options.js';
import { openProcedure } from '../trpc.js';

/** What `health()` answers: the dataset's health with the name of the file the server opened. */
export type ApiHealth = Omit<DatasetHealth, 'file'> & {
  file: string;
  /**
   * The store version answering (`CURRENT.version` of the data directory when it was leased; 0
   * for a single file served with `--db`); null without one (a database opened in process).
   */
  version: number | null;
};

/**
 * `health()`: store version, database file name, data version, years, row counts. Not in the
 * result cache: it is how an operator sees that an import landed; a served version (read-only, so
 * immutable) reads its health once (`datasetHealth`), and a new import is a new version. The file's name only, not its path: the API is public, and
 * where the server keeps its files is no business of a caller (issue 13). A procedure at the root rather than a router of its own, so the
 * contract's name is `health`, not `health.get`. Runs on the connection reserved for it
 * (`ctx.healthDb`), so it answers while every pooled connection is busy. Open without a login even
 * when reading needs one (`openProcedure`): a load balancer checks it.
 */
export const healthProcedure = openProcedure.query(async ({ ctx }): Promise<ApiHealth> => ({
  ...(await datasetHealth(ctx.healthDb ?? ctx.db, coverageOptions(ctx))),
  file: basename(ctx.dbPath),
  version: ctx.version ?? null,
}));
