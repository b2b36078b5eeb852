import { z } from 'zod';
import { InvalidRegionCodeError } from './invalid-region-code-error.js';
import { parseVillageCode } from './village-code.js';
import { KIND_FILTERS, VILLAGE_KINDS } from './village-kinds.js';

/**
 * The legal kind of a village, given by the first digit of its code's village segment:
 * `1` *kelurahan* (urban, a unit of the regency's administration, headed by an appointed *lurah*),
 * `2` *desa* (self-governing village, mostly rural), `3` *desa adat* (customary village; the 14 in
 * today's data are all in Kabupaten Jayapura, Papua). The kelurahan/desa split is the usual
 * urban-rural proxy.
 *
 * @example
 * ```ts
 * VillageKind.parse('desa_adat'); // 'desa_adat'
 * ```
 */
export const VillageKind = z.enum(VILLAGE_KINDS);
export type VillageKind = z.infer<typeof VillageKind>;

/**
 * Which villages a figure covers by kind, one of {@link KIND_FILTERS}: `desa` means every
 * non-kelurahan village (desa and desa adat), `desa_adat` exactly that kind.
 *
 * @example
 * ```ts
 * KindFilter.parse('desa'); // 'desa'
 * KindFilter.safeParse('kota').success; // false
 * ```
 */
export const KindFilter = z.enum(KIND_FILTERS);
export type KindFilter = z.infer<typeof KindFilter>;

const KIND_BY_DIGIT: Readonly<Record<string, VillageKind>> = {
  '1': 'kelurahan',
  '2': 'desa',
  '3': 'desa_adat',
};

/**
 * The kind of a village, read from its code: no region data needed.
 *
 * @throws {InvalidRegionCodeError} if `code` is not a village code (another level, or malformed),
 * or if its village segment starts with a digit other than 1, 2 or 3.
 * @example
 * ```ts
 * villageKind('35.05.04.2014'); // 'desa' (Plosorejo)
 * villageKind('35.05.04.1001'); // 'kelurahan'
 * villageKind('35.05.04'); // throws: invalid village code "35.05.04": is a district code; ...
 * ```
 */
export function villageKind(code: string): VillageKind {
  const village = parseVillageCode(code);
  const segment = village.slice(village.lastIndexOf('.') + 1);
  const kind = KIND_BY_DIGIT[segment.charAt(0)];
  if (!kind) {
    throw new InvalidRegionCodeError(
      code,
      `village segment ${segment} must start with 1 (kelurahan), 2 (desa) or 3 (desa adat)`,
      'village',
    );
  }
  return kind;
}
