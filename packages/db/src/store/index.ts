export {
  DataStore,
  WRITE_STEPS,
  osActor,
  type DataStoreOptions,
  type StoredVersion,
  type WriteProgress,
  type WriteRequest,
} from './data-store.js';
export {
  ACTOR_KINDS,
  WRITE_ACTIONS,
  type Actor,
  type HistoryRecord,
  type WriteAction,
  type WriteCounts,
} from './history-record.js';
export {
  readCurrentPointer,
  versionFilePath,
  type CurrentPointer,
} from './read-current-version.js';
export { tableChecksums, type TableChecksum } from './table-checksums.js';
export { DiskSpaceError } from './check-free-space.js';
export { WriteLockedError } from './write-lock.js';
export { UnknownVersionError } from './unknown-version-error.js';
export {
  compareVersionFiles,
  type VersionFileChanges,
  type VillageChanges,
  type YearChanges,
} from './compare-version-files.js';
