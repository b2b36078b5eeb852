import type { Kysely } from 'kysely';
import type { Database } from '../schema/database.js';
import { refreshMentoringCoverageFigures } from './mentoring-coverage-figures.js';
import { refreshMentoringImpactFigures } from './mentoring-impact-figures.js';
import { refreshMentoringPriorityFigures } from './mentoring-priority-figures.js';

/** How long each part of {@link refreshMentoringFigures} took, in milliseconds. */
export interface MentoringFiguresTimings {
  coverage: number;
  impact: number;
  priorities: number;
}

/**
 * Recompute the stored mentoring figures (coverage by sector, impact estimates, priority lists)
 * for the nation and every province, regency and district from the current data. Each is computed
 * for all scopes at once in set-based SQL (grouped by the ancestors of every village, not one
 * query per region); the lookups are `storedMentoringCoverage`, `storedMentoringImpact` and
 * `storedMentoringPriorities`. Run inside the writing transaction, after the village index is
 * rebuilt (refreshFigures does both and stamps the data version).
 *
 * @example
 * ```ts
 * await db.transaction().execute((trx) => refreshMentoringFigures(trx));
 * ```
 */
export async function refreshMentoringFigures(
  db: Kysely<Database>,
): Promise<MentoringFiguresTimings> {
  const timed = async (work: () => Promise<void>) => {
    const started = performance.now();
    await work();
    return performance.now() - started;
  };
  return {
    coverage: await timed(() => refreshMentoringCoverageFigures(db)),
    impact: await timed(() => refreshMentoringImpactFigures(db)),
    priorities: await timed(() => refreshMentoringPriorityFigures(db)),
  };
}
