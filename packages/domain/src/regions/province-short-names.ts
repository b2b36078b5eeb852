// Zod-free, like village-kinds.ts: the dashboard can label map tiles with these without zod.

/** A province's short name as people write it, and the other abbreviations in common use. */
export interface ProvinceShortName {
  /** Two-digit province code. */
  code: string;
  /** The usual short form (`Jatim`), or the name itself where nobody shortens it (`Bali`). */
  short: string;
  /** Other spellings in common use (`DI Yogyakarta` is also `Jogja`); may be empty. */
  also: readonly string[];
}

/**
 * The 38 provinces' short names, in code order: the closed list the search, the map tiles and
 * anything else that shows or reads `Jatim`, `DKI` or `NTB` take them from. The forms are those
 * of Indonesian press and government use (Jawa Timur -> Jatim, Sulawesi Selatan -> Sulsel);
 * the six Papua provinces of 2022 have younger, less settled forms (Papua Selatan -> Papsel).
 *
 * @example
 * ```ts
 * PROVINCE_SHORT_NAMES.find((p) => p.code === '35')?.short; // 'Jatim'
 * ```
 */
export const PROVINCE_SHORT_NAMES: readonly ProvinceShortName[] = [
  { code: '11', short: 'Aceh', also: ['NAD'] },
  { code: '12', short: 'Sumut', also: [] },
  { code: '13', short: 'Sumbar', also: [] },
  { code: '14', short: 'Riau', also: [] },
  { code: '15', short: 'Jambi', also: [] },
  { code: '16', short: 'Sumsel', also: [] },
  { code: '17', short: 'Bengkulu', also: [] },
  { code: '18', short: 'Lampung', also: [] },
  { code: '19', short: 'Babel', also: [] },
  { code: '21', short: 'Kepri', also: [] },
  { code: '31', short: 'DKI', also: ['DKI Jakarta'] },
  { code: '32', short: 'Jabar', also: [] },
  { code: '33', short: 'Jateng', also: [] },
  { code: '34', short: 'DIY', also: ['Jogja', 'Yogya', 'Jogjakarta'] },
  { code: '35', short: 'Jatim', also: [] },
  { code: '36', short: 'Banten', also: [] },
  { code: '51', short: 'Bali', also: [] },
  { code: '52', short: 'NTB', also: [] },
  { code: '53', short: 'NTT', also: [] },
  { code: '61', short: 'Kalbar', also: [] },
  { code: '62', short: 'Kalteng', also: [] },
  { code: '63', short: 'Kalsel', also: [] },
  { code: '64', short: 'Kaltim', also: [] },
  { code: '65', short: 'Kaltara', also: [] },
  { code: '71', short: 'Sulut', also: [] },
  { code: '72', short: 'Sulteng', also: [] },
  { code: '73', short: 'Sulsel', also: [] },
  { code: '74', short: 'Sultra', also: [] },
  { code: '75', short: 'Gorontalo', also: [] },
  { code: '76', short: 'Sulbar', also: [] },
  { code: '81', short: 'Maluku', also: [] },
  { code: '82', short: 'Malut', also: [] },
  { code: '91', short: 'Papua', also: [] },
  { code: '92', short: 'Pabar', also: ['Papbar'] },
  { code: '93', short: 'Papsel', also: [] },
  { code: '94', short: 'Papteng', also: [] },
  { code: '95', short: 'Papeg', also: [] },
  { code: '96', short: 'PBD', also: [] },
];

/**
 * The short name of province `code` (`'35'` -> `Jatim`), or undefined for a code that is not one
 * of the 38.
 *
 * @example
 * ```ts
 * provinceShortName('52'); // 'NTB'
 * ```
 */
export function provinceShortName(code: string): string | undefined {
  return PROVINCE_SHORT_NAMES.find((p) => p.code === code)?.short;
}
