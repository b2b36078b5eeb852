import type { ExportedFile } from './export-types.js';

/** What one step wrote: rows of a table, and the file it finished, if any. */
export interface ExportStepResult {
  table: string | null;
  rows: number;
  file: ExportedFile | null;
}

/** One progress step of an export: a table, or one partition file of a partitioned table. */
export interface ExportStep {
  name: string;
  run(): Promise<ExportStepResult>;
}

/**
 * The steps of an export in one format, known before the first is run so a progress bar knows
 * its total. `close` runs after the steps whether they succeeded or not (a .duckdb export
 * detaches its file there).
 */
export interface ExportPlan {
  steps: ExportStep[];
  close(): Promise<void>;
}
