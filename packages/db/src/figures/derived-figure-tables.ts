import { SCOPE_FIGURE_TABLES } from '../migrations/2026-12-06T00-scope-figures.js';
import { MENTORING_FIGURE_TABLES } from '../migrations/2026-12-06T01-mentoring-figures.js';
import { PROFILE_FIGURE_TABLES } from '../migrations/2026-12-08T00-profile-figures.js';

/**
 * The tables refreshFigures rewrites from the data on every write: derived, never imported. A
 * check that two writes of the same data agree compares the other tables exactly and these by
 * their row counts: DuckDB's parallel sums (the mentoring estimates) may differ in the last bits
 * from one run to the next (about 1e-16 relative), which tests of the figures allow for.
 */
export const DERIVED_FIGURE_TABLES: readonly string[] = [
  ...SCOPE_FIGURE_TABLES,
  ...MENTORING_FIGURE_TABLES,
  ...PROFILE_FIGURE_TABLES,
];
