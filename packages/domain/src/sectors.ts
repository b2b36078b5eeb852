import { z } from 'zod';
import type { Labels } from './indicators/framework.js';
import { SECTOR_CODES } from './sector-codes.js';

/**
 * The four sectors Pandu Digital mentors villages in, as named at the 2021 training of trainers
 * and the Blitar event of November 2021. The programme's list changed over the years (2020-21
 * also named health and tourism; 2022 named five, adding fisheries), so a sector outside these four
 * is a schema change, not a new enum value slipped in.
 *
 * @example
 * ```ts
 * Sector.parse('umkm'); // 'umkm'
 * Sector.safeParse('kesehatan').success; // false
 * ```
 */
export const Sector = z.enum(SECTOR_CODES);
export type Sector = z.infer<typeof Sector>;

/**
 * Each sector with its labels in Bahasa Indonesia and English, in {@link Sector} order.
 *
 * @example
 * ```ts
 * SECTORS.map((s) => s.labels.en);
 * // ['Education', 'Micro, small and medium enterprises', 'Agriculture / livestock',
 * //  'Tourism village and digital village']
 * ```
 */
export const SECTORS: readonly { readonly code: Sector; readonly labels: Labels }[] = [
  { code: 'pendidikan', labels: { id: 'Pendidikan', en: 'Education' } },
  { code: 'umkm', labels: { id: 'UMKM', en: 'Micro, small and medium enterprises' } },
  { code: 'pertanian', labels: { id: 'Pertanian / Peternakan', en: 'Agriculture / livestock' } },
  {
    code: 'desa_wisata_digital',
    labels: { id: 'Desa Wisata dan Desa Digital', en: 'Tourism village and digital village' },
  },
];

/**
 * A sector's label in Bahasa Indonesia (`'id'`, the default) or English (`'en'`).
 *
 * @example
 * ```ts
 * sectorLabel('pertanian'); // 'Pertanian / Peternakan'
 * sectorLabel('umkm', 'en'); // 'Micro, small and medium enterprises'
 * ```
 */
export function sectorLabel(code: Sector, lang: keyof Labels = 'id'): string {
  const sector = SECTORS.find((s) => s.code === code);
  // Only reachable from untyped callers: Sector and SECTORS are written together.
  if (!sector) throw new Error(`unknown sector: ${String(code)}`);
  return sector.labels[lang];
}
