// Zod-free, like measure-scales.ts: the list alone, for code that must not pull in zod. The schema
// built from it, `ObservationSource`, is in observation.ts; the database's CHECK constraint spells
// the same list in SQL (a migration is history and does not import).

/**
 * Where an observation comes from: `synthetic` (the generated default dataset), `published` (a
 * figure an agency published) or `imported` (a file a user imported); see `ObservationSource`.
 *
 * @example
 * ```ts
 * OBSERVATION_SOURCES.includes('imported'); // true
 * ```
 */
export const OBSERVATION_SOURCES = ['synthetic', 'published', 'imported'] as const;
