export * from './import-types.js';
export * from './import-observations.js';
export * from './import-mentoring-events.js';
export { writeRejectsCsv } from './write-rejects-csv.js';
