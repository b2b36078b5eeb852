import { z } from 'zod';
import { parseRegionCode } from './region-code.js';
import { REGION_LEVELS } from './region-levels.js';

/**
 * The four levels of Indonesia's administrative hierarchy, from the top: province (*provinsi*),
 * regency or city (*kabupaten/kota*), district (*kecamatan*), village (*desa/kelurahan*).
 *
 * @example
 * ```ts
 * RegionLevel.parse('district'); // 'district'
 * ```
 */
export const RegionLevel = z.enum(REGION_LEVELS);
export type RegionLevel = z.infer<typeof RegionLevel>;

/**
 * The level of a region code, read from its number of segments.
 *
 * Accepts any string and parses it first, so `regionLevel('35.05')` works without a separate
 * `parseRegionCode` call.
 *
 * @throws {InvalidRegionCodeError} if `code` is not a region code.
 * @example
 * ```ts
 * regionLevel('35'); // 'province'
 * regionLevel('35.05.04.2014'); // 'village'
 * ```
 */
export function regionLevel(code: string): RegionLevel {
  const segments = parseRegionCode(code).split('.').length;
  const level = REGION_LEVELS[segments - 1];
  // A parsed code has 1 to 4 segments; a miss would be a bug in the parser.
  if (!level) throw new Error(`region code with ${segments} segments passed the parser: ${code}`);
  return level;
}
