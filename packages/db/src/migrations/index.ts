import {
  Migrator,
  type Kysely,
  type Migration,
  type MigrationProvider,
  type MigrationResultSet,
} from 'kysely';
import * as initial from './2026-11-28T00-initial.js';
import * as observationEnums from './2026-11-28T01-observation-enums.js';
import * as schemaComments from './2026-12-05T00-schema-comments.js';
import * as auditLog from './2026-12-05T01-audit-log.js';
import * as scopeFigures from './2026-12-06T00-scope-figures.js';
import * as mentoringFigures from './2026-12-06T01-mentoring-figures.js';
import * as regionPopulation from './2026-12-06T02-region-population.js';
import * as convergenceInference from './2026-12-07T00-convergence-inference.js';
import * as impactEventStudy from './2026-12-07T01-impact-event-study.js';
import * as profileFigures from './2026-12-08T00-profile-figures.js';

/**
 * Every migration, by name. Names sort in the order they apply (timestamp first); a new one is a
 * new file here, never an edit of an applied one.
 */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '2026-11-28T00-initial': initial,
  '2026-11-28T01-observation-enums': observationEnums,
  '2026-12-05T00-schema-comments': schemaComments,
  '2026-12-05T01-audit-log': auditLog,
  '2026-12-06T00-scope-figures': scopeFigures,
  '2026-12-06T01-mentoring-figures': mentoringFigures,
  '2026-12-06T02-region-population': regionPopulation,
  '2026-12-07T00-convergence-inference': convergenceInference,
  '2026-12-07T01-impact-event-study': impactEventStudy,
  '2026-12-08T00-profile-figures': profileFigures,
};

// Migrations are imported statically, not read from a folder at run time: the package then works
// from any working directory and under bundlers, and the list is type-checked.
const provider: MigrationProvider = {
  getMigrations: async () => ({ ...MIGRATIONS }),
};

/**
 * Bring a database to the newest schema. Returns Kysely's result set (it does not throw on a failed
 * migration: the caller decides); {@link openDatabase} throws on error.
 *
 * @example
 * ```ts
 * const { error, results } = await migrateToLatest(db);
 * ```
 */
export function migrateToLatest<DB>(db: Kysely<DB>): Promise<MigrationResultSet> {
  return new Migrator({ db, provider }).migrateToLatest();
}
