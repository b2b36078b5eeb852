import { IndexMeasure, OBSERVATION_YEARS, Sector } from '@pandu/domain';
import { QueryInputError } from './query-input-error.js';

// The server validates its inputs with the domain's zod schemas before calling a query; these
// checks are for every other caller (scripts, other packages, plain JavaScript). A measure or a
// kind is spliced into SQL as an identifier or a literal, so it is checked against the closed list
// here rather than trusted.

/**
 * The measure, defaulting to `skills_index`; throws {@link QueryInputError} for anything else.
 *
 * @example
 * ```ts
 * parseMeasure(undefined); // 'skills_index'
 * parseMeasure('year'); // throws: invalid measure: unknown measure "year" ...
 * ```
 */
export function parseMeasure(measure: unknown): IndexMeasure {
  if (measure === undefined) return 'skills_index';
  const parsed = IndexMeasure.safeParse(measure);
  if (!parsed.success) {
    throw new QueryInputError(
      'measure',
      `unknown measure ${JSON.stringify(measure)}; expected one of ${IndexMeasure.options.join(', ')}`,
    );
  }
  return parsed.data;
}

/**
 * A sector, or undefined when none is given; throws {@link QueryInputError} for an unknown one.
 *
 * @example
 * ```ts
 * parseSector('umkm'); // 'umkm'
 * ```
 */
export function parseSector(sector: unknown): Sector | undefined {
  if (sector === undefined) return undefined;
  const parsed = Sector.safeParse(sector);
  if (!parsed.success) {
    throw new QueryInputError(
      'sector',
      `unknown sector ${JSON.stringify(sector)}; expected one of ${Sector.options.join(', ')}`,
    );
  }
  return parsed.data;
}

/**
 * An integer in [min, max] (a year, a limit), or `fallback` when undefined.
 *
 * @example
 * ```ts
 * parseInteger('limit', undefined, { min: 1, max: 100, fallback: 20 }); // 20
 * ```
 */
export function parseInteger(
  field: string,
  value: unknown,
  { min, max, fallback }: { min: number; max: number; fallback?: number },
): number {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new QueryInputError(
      field,
      `must be an integer from ${min} to ${max}, got ${JSON.stringify(value) ?? String(value)}`,
    );
  }
  return value;
}

/**
 * A year, an integer in the domain's `OBSERVATION_YEARS` (2000 to 2100, the years an observation
 * may have); throws {@link QueryInputError} otherwise, so a typo like 20244 is named, not answered
 * with "no data".
 *
 * @example
 * ```ts
 * parseYear('year', 2024); // 2024
 * ```
 */
export function parseYear(field: string, value: unknown): number {
  return parseInteger(field, value, OBSERVATION_YEARS);
}
