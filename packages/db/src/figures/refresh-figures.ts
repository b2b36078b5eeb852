import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema/database.js';
import { readDataVersion } from '../sql/data-version.js';
import { refreshMentoringFigures } from './mentoring-figures.js';
import { refreshProfileFigures } from './profile-figures.js';
import { refreshScopeFigures } from './scope-figures.js';

// Figures are computed when data are written, not when a page asks (issue 14). Every write path
// (seed, observation and mentoring imports, a data directory's rollback and upgrade) calls
// refreshFigures inside the transaction that changed the data, after the village index is rebuilt,
// so a reader never sees figures out of step with their data. The stored rows are stamped with the
// data version they were computed for (dataset_meta 'figures_data_version'); a stored read finds
// nothing when the stamp differs from 'data_version' and the caller falls back to the on-demand
// SQL, which stays as the reference (see figures-fresh.ts).

/** Progress of a refresh, for progress bars: `step` starting, `done` of `total` steps. */
export interface FiguresProgress {
  step: 'scope' | 'mentoring' | 'profile';
  done: number;
  total: number;
}

/**
 * Recompute every stored figure from the current data and stamp it with the data version.
 *
 * @example
 * ```ts
 * await db.transaction().execute(async (trx) => {
 *   await rebuildVillageIndex(trx);
 *   await refreshFigures(trx);
 * });
 * ```
 */
export async function refreshFigures(
  db: Kysely<Database>,
  options: { onProgress?: (progress: FiguresProgress) => void } = {},
): Promise<void> {
  options.onProgress?.({ step: 'scope', done: 0, total: 3 });
  await refreshScopeFigures(db);
  options.onProgress?.({ step: 'mentoring', done: 1, total: 3 });
  await refreshMentoringFigures(db);
  options.onProgress?.({ step: 'profile', done: 2, total: 3 });
  await refreshProfileFigures(db);
  const version = await readDataVersion(db);
  await sql`delete from dataset_meta where key = 'figures_data_version'`.execute(db);
  if (version !== null) {
    await sql`insert into dataset_meta values ('figures_data_version', ${String(version)})`.execute(
      db,
    );
  }
}
