export {
  ImportRejectedError,
  MAX_LISTED_REJECTIONS,
  describeRejection,
  type ImportProgress,
  type ImportResult,
  type Rejection,
} from './import-types.js';
export {
  importObservations,
  OBSERVATION_COLUMNS,
  OPTIONAL_OBSERVATION_COLUMNS,
  type ImportOptions,
} from './import-observations.js';
export {
  importMentoringEvents,
  MENTORING_EVENT_COLUMNS,
  OPTIONAL_MENTORING_EVENT_COLUMNS,
  type MentoringImportOptions,
  type MentoringImportResult,
} from './import-mentoring-events.js';
export { writeRejectsCsv } from './write-rejects-csv.js';
