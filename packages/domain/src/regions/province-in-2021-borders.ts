import type { RegionCode } from './region-code.js';
import { parseRegionCode } from './region-code.js';

/**
 * The four provinces created in 2022 out of Papua (91) and Papua Barat (92), each mapped to the
 * province it belonged to before: Papua Selatan (93), Papua Tengah (94) and Papua Pegunungan (95)
 * came out of Papua; Papua Barat Daya (96) out of Papua Barat.
 *
 * @example
 * ```ts
 * PROVINCES_SPLIT_IN_2022['96']; // '92'
 * ```
 */
export const PROVINCES_SPLIT_IN_2022: Readonly<Record<string, RegionCode>> = {
  '93': '91' as RegionCode,
  '94': '91' as RegionCode,
  '95': '91' as RegionCode,
  '96': '92' as RegionCode,
};

/**
 * The province a region belonged to in the 34-province era (before 2022), for comparing with
 * series that still use those borders, such as BPS's IP-TIK. Accepts a code of any level and
 * returns a 2-digit province code: `93`, `94`, `95` become `91` (Papua), `96` becomes `92`
 * (Papua Barat); every other province is unchanged.
 *
 * Only the province is mapped. Regencies moved to the new provinces were given new codes (today's
 * Papua has no 91.01 or 91.02; Merauke is 93.01), so a regency-level comparison needs a crosswalk
 * table, not a prefix rewrite; that is why this returns a province code even for a village.
 *
 * @throws {InvalidRegionCodeError} if `code` is not a region code.
 * @example
 * ```ts
 * provinceIn2021Borders('94'); // '91'
 * provinceIn2021Borders('96.01.01.2001'); // '92'
 * provinceIn2021Borders('35.05'); // '35'
 * ```
 */
export function provinceIn2021Borders(code: string): RegionCode {
  const province = parseRegionCode(code).slice(0, 2) as RegionCode;
  return PROVINCES_SPLIT_IN_2022[province] ?? province;
}
