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
import * as calibration from './seed/calibration.js';

// Every public name is listed here, so what other packages may rely on is a decision, not a side
// effect of a file's exports: SQL helpers (sql/), region scope, input parsing and test fixtures
// stay internal.

// The Kysely dialect for @duckdb/node-api.
export {
  DuckDBAdapter,
  DuckDBDialect,
  DuckDBDriver,
  DuckDBIntrospector,
  DuckDBQueryError,
  ConnectionQueueFullError,
  QueryInterruptedError,
  QueryTimeoutError,
  inRequestOrder,
  duckDBValueConverter,
  type DuckDBDialectConfig,
  type DuckDBRowValue,
} from './duckdb-dialect/index.js';

// Schema, opening, migrations.
export type {
  AuditLogTable,
  Database,
  DatasetMetaTable,
  ImportBatchesTable,
  IndicatorsTable,
  MentoringEventParticipantsTable,
  MentoringEventSectorsTable,
  MentoringEventVillagesTable,
  MentoringEventsTable,
  ObservationsTable,
  PlantedEffectsTable,
  PublishedFiguresTable,
  RegionPopulationTable,
  RegionsTable,
  SourceKind,
  VillageIndexTable,
  VolunteersTable,
} from './schema/database.js';
export {
  openDatabase,
  openServedDatabase,
  MigrationError,
  type OpenDatabaseOptions,
  type ServedDatabase,
} from './open-database.js';
export { migrateToLatest, MIGRATIONS } from './migrations/index.js';

// The data directory's versions, as a server reads them (a lease per request).
export {
  ServedVersions,
  DEFAULT_POLL_MS,
  type ServedVersionsOptions,
  type VersionLease,
} from './store/served-versions.js';
export { pendingMigrations } from './store/pending-migrations.js';
// The measure a query reads when none is given (the API rounds thresholds on its scale).
export { DEFAULT_MEASURE, readDataVersion } from './sql/index.js';
export { UnknownRegionError, NoDataError } from './errors.js';

// The data directory: immutable numbered versions, a CURRENT pointer, history, rollback.
export {
  DataStore,
  WRITE_STEPS,
  WRITE_ACTIONS,
  ACTOR_KINDS,
  osActor,
  readCurrentPointer,
  versionFilePath,
  tableChecksums,
  DiskSpaceError,
  WriteLockedError,
  UnknownVersionError,
  type Actor,
  type CurrentPointer,
  type DataStoreOptions,
  type HistoryRecord,
  type StoredVersion,
  type TableChecksum,
  type WriteAction,
  type WriteCounts,
  type WriteProgress,
  type WriteRequest,
} from './store/index.js';
// What a version changed (the upload page's "what changed", issue 10).
export {
  compareVersionFiles,
  type VersionFileChanges,
  type VillageChanges,
  type YearChanges,
} from './store/index.js';

// The default dataset.
export {
  seedDefaultDataset,
  SeedError,
  type SeedOptions,
  type SeedProgress,
  type SeedResult,
} from './seed/seed-default-dataset.js';
export { calibration };
export { loadPublishedFigures } from './seed/load-published-figures.js';
export { REGION_DATA_ATTRIBUTION, regionSourceFiles } from './seed/region-source.js';
export { rebuildVillageIndex } from './village-index/rebuild-village-index.js';
export { DERIVED_FIGURE_TABLES, refreshFigures, type FiguresProgress } from './figures/index.js';

// Clients' SQL, run outside the API's DuckDB: worker processes with a read-only, locked-down DuckDB.
export {
  SqlSandbox,
  SqlSandboxError,
  type SandboxColumn,
  type SqlAnswer,
  type SqlSandboxOptions,
} from './sql-sandbox/index.js';
export { consoleSchema, type ConsoleColumn, type ConsoleTable } from './queries/console-schema.js';
// The figures stored when data are written (issue 14): each read returns the on-demand query's
// result, or null when not precomputed (the caller then asks the on-demand query).
export {
  prepareFigureMemory,
  storedChildConvergence,
  storedConvergence,
  storedDistribution,
  storedDivideSummary,
  storedIndexByRegion,
  storedLorenz,
  storedTimeseries,
  storedVillageProfile,
  storedYearCoverage,
} from './figures/index.js';
export {
  storedMentoringCoverage,
  storedMentoringImpact,
  storedMentoringPriorities,
} from './figures/mentoring-index.js';
export { insertMentoringEvent } from './mentoring/insert-mentoring-event.js';

// Queries: each function with its input schema (a zod object, and its input type of the same
// name) and its result types.
export {
  QueryInputError,
  QUERY_LIMIT_MAX,
  getRegion,
  GetRegionInput,
  type RegionDetail,
  type RegionRef,
  regionChildren,
  RegionChildrenInput,
  prepareRegionMemory,
  prepareRegionSearch,
  searchRegions,
  SearchRegionsInput,
  SEARCH_QUERY_MAX_LENGTH,
  type RegionHit,
  type RegionMatch,
  type RegionSearchResult,
  indexByRegion,
  IndexByRegionInput,
  type RegionIndexRow,
  timeseries,
  TimeseriesInput,
  type TimeseriesPoint,
  divideSummary,
  DivideSummaryInput,
  type DivideSummary,
  convergence,
  ConvergenceInput,
  type Convergence,
  childConvergence,
  ChildConvergenceInput,
  type ChildConvergence,
  type ChildGrowth,
  lorenz,
  LorenzInput,
  type LorenzCurve,
  distribution,
  DistributionInput,
  type Distribution,
  type DistributionBin,
  childrenInRange,
  ChildrenInRangeInput,
  type ChildInRange,
  type ChildrenInRange,
  villageProfile,
  VillageProfileInput,
  nationalMeans,
  type NationalMeans,
  type ProfileIndicator,
  type ProfileMeasure,
  type ProfileYear,
  type VillageMentoringEvent,
  type VillageProfile,
  type VillageRank,
  mentoringAttendance,
  type AttendanceRole,
  mentoringCoverage,
  MentoringCoverageInput,
  type CoverageFigures,
  type MentoringCoverage,
  type RegionCoverage,
  type SectorCoverage,
  mentoringImpact,
  MentoringImpactInput,
  type CohortImpact,
  type ImpactEventTime,
  type ImpactEstimate,
  type MentoringImpact,
  mentoringPriorities,
  MentoringPrioritiesInput,
  type MentoringPriorities,
  type PriorityVillage,
  datasetHealth,
  DATABASE_TABLES,
  type DatasetHealth,
  COMPLETE_YEAR_COVERAGE,
  type CoverageOptions,
  latestCompleteYear,
  yearCoverage,
  type YearCoverage,
  YearCoverageInput,
  publishedFigures,
  PublishedFiguresInput,
  PUBLISHED_DATASETS,
  type PublishedFigure,
} from './queries/index.js';
// PEOPLE: weighting figures by people (issue 12).
export { peopleWeightEffective, type PeopleBelow, type PeopleWeighting } from './queries/index.js';

// Import.
export {
  importObservations,
  OBSERVATION_COLUMNS,
  OPTIONAL_OBSERVATION_COLUMNS,
  type ImportOptions,
  importMentoringEvents,
  MENTORING_EVENT_COLUMNS,
  OPTIONAL_MENTORING_EVENT_COLUMNS,
  type MentoringImportOptions,
  type MentoringImportResult,
  ImportRejectedError,
  MAX_LISTED_REJECTIONS,
  describeRejection,
  type ImportProgress,
  type ImportResult,
  type Rejection,
  writeRejectsCsv,
} from './import/index.js';

// Export.
export {
  exportDataset,
  checkExportScope,
  ExportOptionsError,
  EXPORT_FORMATS,
  type ExportFormat,
  type ExportOptions,
  type ExportProgress,
  type ExportResult,
  type ExportedFile,
  type ExportedTable,
  dataDictionary,
  type DataDictionary,
  type DataDictionaryInput,
  dataDictionaryMarkdown,
  licenseDataMarkdown,
  EXPORT_TABLES,
  type ExportColumn,
  type ExportTable,
  DUCKDB_EXPORT_FILE,
} from './export/index.js';

// Users, API tokens and login sessions (DIR/auth.json, outside the data snapshots).
export {
  AuthStore,
  AUTH_FILE,
  AUTH_LOCK_FILE,
  TOKEN_PREFIX,
  AuthFileError,
  AuthLockedError,
  InvalidUserNameError,
  UnknownTokenError,
  UnknownUserError,
  UserExistsError,
  WeakPasswordError,
  MIN_PASSWORD_LENGTH,
  MAX_PASSWORD_LENGTH,
  type Authentication,
  type AuthStoreOptions,
  type TokenInfo,
  type User,
} from './auth/index.js';

// Deployment planning (issue 15): the planner's inputs.
export { planInputs } from './planning/index.js';

// CONV: the parts of a convergence answer that say how sure it is (issue 12).
export type { AbsoluteBeta, ChildFit, TrendInference } from './queries/index.js';
