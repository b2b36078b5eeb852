import type { z } from 'zod';
import { InvalidRegionCodeError } from './invalid-region-code-error.js';
import { RegionCode, isRegionCode, parseRegionCode } from './region-code.js';
import { regionLevel } from './region-level.js';

function notAVillageReason(code: RegionCode): string {
  return `is a ${regionLevel(code)} code; a village code has 4 segments (PP.RR.DD.VVVV)`;
}

/**
 * A village (*desa* or *kelurahan*) code, `PP.RR.DD.VVVV`: a {@link RegionCode} of the fourth
 * level. Trims like `RegionCode`; a well-formed code of another level is rejected with a message
 * naming that level. A `VillageCode` is also a `RegionCode`, so it can go to every region function.
 *
 * @example
 * ```ts
 * VillageCode.parse('35.05.04.2014'); // '35.05.04.2014'
 * VillageCode.safeParse('35.05.04').error?.issues[0]?.message;
 * // 'invalid village code "35.05.04": is a district code; a village code has 4 segments (PP.RR.DD.VVVV)'
 * ```
 */
export const VillageCode = RegionCode.superRefine((code, ctx) => {
  if (code.split('.').length !== 4) {
    ctx.addIssue({
      code: 'custom',
      message: `invalid village code ${JSON.stringify(code)}: ${notAVillageReason(code)}`,
    });
  }
}).brand<'VillageCode'>();
export type VillageCode = z.infer<typeof VillageCode>;

/**
 * Parse a village code (`PP.RR.DD.VVVV`), trimming surrounding whitespace.
 *
 * @throws {InvalidRegionCodeError} if `code` is not a region code, or is one of another level.
 * @example
 * ```ts
 * parseVillageCode('35.05.04.2014'); // '35.05.04.2014' as VillageCode
 * parseVillageCode('35.05'); // throws: invalid village code "35.05": is a regency code; ...
 * ```
 */
export function parseVillageCode(code: string): VillageCode {
  const parsed = parseRegionCode(code);
  if (parsed.split('.').length !== 4) {
    throw new InvalidRegionCodeError(code, notAVillageReason(parsed), 'village');
  }
  // Same test as the schema's refinement.
  return parsed as VillageCode;
}

/**
 * Whether a value already is a village code in canonical form (no trimming).
 *
 * @example
 * ```ts
 * isVillageCode('35.05.04.2014'); // true
 * isVillageCode('35.05.04'); // false
 * ```
 */
export function isVillageCode(value: unknown): value is VillageCode {
  return isRegionCode(value) && value.split('.').length === 4;
}
