/**
 * @pandu/db: Pandu's DuckDB database, reached through Kysely: schema and migrations, the embedded
 * default dataset, validated import, aggregation queries and exports. Nothing it returns holds a
 * bigint or a Date: every result is JSON-safe.
 *
 * @example
 * ```ts
 * import { openDatabase, seedDefaultDataset, divideSummary } from '@pandu/db';
 *
 * const db = await openDatabase('data/pandu.duckdb');
 * await seedDefaultDataset(db, { provinces: ['35'] });
 * const divide = await divideSummary(db, { code: '35', year: 2024 });
 * await db.destroy();
 * ```
 * @packageDocumentation
 */
export * from './duckdb-dialect/index.js';
export type * from './schema/database.js';
export { openDatabase, MigrationError, type OpenDatabaseOptions } from './open-database.js';
export { migrateToLatest, MIGRATIONS } from './migrations/index.js';
export { UnknownRegionError, NoDataError } from './errors.js';
export {
  seedDefaultDataset,
  SeedError,
  type SeedOptions,
  type SeedProgress,
  type SeedResult,
} from './seed/seed-default-dataset.js';
export * as calibration from './seed/calibration.js';
export { loadPublishedFigures } from './seed/load-published-figures.js';
export { REGION_DATA_ATTRIBUTION, regionSourceFiles } from './seed/region-source.js';
export { rebuildVillageIndex } from './village-index/rebuild-village-index.js';
export { insertMentoringEvent } from './mentoring/insert-mentoring-event.js';
export * from './queries/index.js';
export * from './import/index.js';
export * from './export/index.js';
