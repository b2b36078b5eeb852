// Zod-free, like indicators/measure-scales.ts: a browser bundle that needs only the codes leaves
// zod out. The schema built from them, `Sector`, and their labels, `SECTORS`, are in sectors.ts.

/**
 * The codes of the four sectors Pandu Digital mentors villages in; see `Sector`.
 *
 * @example
 * ```ts
 * SECTOR_CODES.includes('umkm'); // true
 * ```
 */
export const SECTOR_CODES = ['pendidikan', 'umkm', 'pertanian', 'desa_wisata_digital'] as const;
